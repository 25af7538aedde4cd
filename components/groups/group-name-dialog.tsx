"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "../alert";
import { Button, type ButtonVariant } from "../button";
import { Dialog, DialogFooter } from "../dialog";
import { TextField } from "../fields";
import { useApiAction } from "../api-client";

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
      <Dialog
        open={open}
        onClose={close}
        title={mode === "create" ? "New group" : `Rename “${current}”`}
        description={mode === "create" ? "Groups stand for departments or teams. Managed event types can be given to a group." : undefined}
      >
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const displayName = String(new FormData(e.currentTarget).get("displayName") ?? "");
            const r =
              mode === "create"
                ? await run({ url: "/api/admin/groups", body: { displayName } })
                : await run({ url: `/api/admin/groups/${groupId}`, method: "PATCH", body: { displayName } });
            if (r.ok) {
              close();
              if (mode === "create") router.push(`/admin/groups/${r.data.id}`);
            }
          }}
        >
          <TextField label="Group name" name="displayName" required maxLength={256} defaultValue={current} autoFocus placeholder="e.g. Sales" />
          {error ? (
            <Alert tone="error" role="alert" className="mt-3">
              {error}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Saving…" : mode === "create" ? "Create group" : "Save name"}
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </>
  );
}
