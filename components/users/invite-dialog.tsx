"use client";

import { useState } from "react";
import { useApiAction } from "../api-client";
import { Button } from "../button";
import { TextField } from "../fields";
import { FormDialog } from "../form-dialog";
import { formatCount } from "../format";

/**
 * "Invite user": a seat-checked manual invitation. While SCIM is on the
 * button stays visible but disabled, with the reason, so admins know where
 * people come from instead of wondering where the button went.
 */
export function InviteDialog({ disabledReason, available }: { disabledReason?: string; available: number }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const { run, pending, error, setError } = useApiAction<{ email: string }>();
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      {sent ? (
        <p role="status" className="text-sm text-emerald-700">
          Invitation sent to {sent}.
        </p>
      ) : null}
      <Button
        variant="primary"
        disabled={Boolean(disabledReason)}
        title={disabledReason}
        aria-description={disabledReason}
        onClick={() => {
          setSent(null);
          setOpen(true);
        }}
      >
        Invite user
      </Button>
      <FormDialog
        open={open}
        onClose={close}
        title="Invite a user"
        description={
          available > 0
            ? `They get an email with a link to join; their seat is reserved now (${formatCount(available)} available).`
            : "No seats are available. Add seats on the Billing page first, or deactivate someone."
        }
        className="space-y-4"
        pending={pending}
        error={error}
        submitLabel={pending ? "Sending…" : "Send invitation"}
        onSubmit={async (f) => {
          const r = await run({
            url: "/api/admin/members",
            body: { email: String(f.get("email") ?? ""), givenName: String(f.get("givenName") ?? ""), familyName: String(f.get("familyName") ?? "") },
          });
          if (r.ok) {
            setSent(r.data.email);
            close();
          }
        }}
      >
        <TextField label="Email" name="email" type="email" required autoFocus placeholder="name@company.com" />
        <div className="grid grid-cols-2 gap-3">
          <TextField label="First name" name="givenName" autoComplete="off" />
          <TextField label="Last name" name="familyName" autoComplete="off" />
        </div>
      </FormDialog>
    </>
  );
}
