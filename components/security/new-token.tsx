"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "../alert";
import { Button } from "../button";
import { Dialog } from "../dialog";
import { TextField } from "../fields";
import { useApiAction } from "../api-client";
import { TokenReveal } from "./token-reveal";
import { lifetimeValue, TokenLifetimeSelect } from "./token-lifetime-select";

/** "Generate another token", for rotation: create, paste into the IdP, then revoke the old one. */
export function NewToken({ baseUrl, label: buttonLabel = "Generate another token" }: { baseUrl: string; label?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [lifetime, setLifetime] = useState("90");
  const [label, setLabel] = useState("");
  const [token, setToken] = useState<string | null>(null);
  const { run, pending, error, setError } = useApiAction<{ token: string }>({ refresh: false });
  const close = () => {
    setOpen(false);
    setError(null);
    if (token) router.refresh();
    setToken(null);
    setLabel("");
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{buttonLabel}</Button>
      <Dialog
        open={open}
        onClose={close}
        wide
        title={token ? "Your new SCIM token" : buttonLabel}
        description={
          token ? undefined : "Rotate without downtime: put the new token into your identity provider, check it works, then revoke the old one."
        }
        footer={
          token ? (
            <Button variant="primary" onClick={close}>
              I’ve copied the token
            </Button>
          ) : (
            <>
              <Button onClick={close} disabled={pending}>
                Cancel
              </Button>
              <Button
                variant="primary"
                disabled={pending}
                onClick={async () => {
                  const r = await run({ url: "/api/admin/scim/tokens", body: { expiresInDays: lifetimeValue(lifetime), label: label || undefined } });
                  if (r.ok) setToken(r.data.token);
                }}
              >
                {pending ? "Generating…" : "Generate token"}
              </Button>
            </>
          )
        }
      >
        {token ? (
          <TokenReveal baseUrl={baseUrl} token={token} />
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Label (optional)" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Okta production" maxLength={100} />
            <TokenLifetimeSelect value={lifetime} onChange={setLifetime} />
            <ErrorAlert message={error} className="sm:col-span-2" />
          </div>
        )}
      </Dialog>
    </>
  );
}
