"use client";

import { useState } from "react";
import { ErrorAlert } from "../alert";
import { Button } from "../button";
import { Dialog } from "../dialog";
import { SelectField } from "../fields";
import { useApiAction } from "../api-client";

/**
 * The owner hands the organisation to an admin. Exactly one owner: they
 * become an admin themselves, which the dialog says before anything happens.
 */
export function TransferOwnership({ orgName, candidates }: { orgName: string; candidates: { id: string; label: string }[] }) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(candidates[0]?.id ?? "");
  const { run, pending, error, setError } = useApiAction();
  const chosen = candidates.find((c) => c.id === to);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={candidates.length === 0}
        title={candidates.length === 0 ? "Make someone an admin first: ownership goes to an active admin." : undefined}
      >
        Transfer ownership
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Transfer ownership of ${orgName}`}
        description="The new owner can manage billing, admins and everything else, and is the only one who can transfer ownership again. You stay on as an admin."
        footer={
          <>
            <Button onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button
              variant="danger"
              disabled={pending || !to}
              onClick={async () => {
                const r = await run({ url: "/api/admin/ownership", body: { membershipId: to } });
                if (r.ok) close();
              }}
            >
              {pending ? "Transferring…" : `Make ${chosen?.label.split(" (")[0] ?? "them"} the owner`}
            </Button>
          </>
        }
      >
        <div className="space-y-4">
          <SelectField label="New owner" value={to} onChange={(e) => setTo(e.target.value)}>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <ErrorAlert message={error} />
        </div>
      </Dialog>
    </>
  );
}
