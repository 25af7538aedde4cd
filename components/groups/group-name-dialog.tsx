"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "../api-client";
import { Button, type ButtonVariant } from "../button";
import { TextField } from "../fields";
import { FormDialog } from "../form-dialog";

/** "New group" and "Rename": one name field, the server's refusal (a duplicate name) shown in place. */
export function GroupNameDialog({
  mode,
  groupId,
  current,
  variant = "secondary",
  size = "sm",
  disabledReason,
}: {
  mode: "create" | "rename";
  groupId?: string;
  current?: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  disabledReason?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, error, setError } = useApiAction<{ id: string }>();
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <Button variant={variant} size={size} disabled={Boolean(disabledReason)} title={disabledReason} aria-description={disabledReason} onClick={() => setOpen(true)}>
        {mode === "create" ? "New group" : "Rename"}
      </Button>
      <FormDialog
        open={open}
        onClose={close}
        title={mode === "create" ? "New group" : `Rename “${current}”`}
        description={mode === "create" ? "Groups stand for departments or teams. Managed event types can be given to a group." : undefined}
        pending={pending}
        error={error}
        submitLabel={pending ? "Saving…" : mode === "create" ? "Create group" : "Save name"}
        onSubmit={async (form) => {
          const body = { displayName: String(form.get("displayName") ?? "") };
          const r =
            mode === "create"
              ? await run({ url: "/api/admin/groups", body })
              : await run({ url: `/api/admin/groups/${groupId}`, method: "PATCH", body });
          if (r.ok) {
            close();
            if (mode === "create") router.push(`/admin/groups/${r.data.id}`);
          }
        }}
      >
        <TextField label="Group name" name="displayName" required maxLength={256} defaultValue={current} autoFocus placeholder="e.g. Sales" />
      </FormDialog>
    </>
  );
}
