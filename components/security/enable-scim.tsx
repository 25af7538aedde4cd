"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "../alert";
import { Button } from "../button";
import { useAdminAction } from "../use-admin-action";
import { TokenReveal } from "./token-reveal";
import { lifetimeValue, TokenLifetimeSelect } from "./token-lifetime-select";

interface Enabled {
  baseUrl: string;
  token: string;
}

/**
 * Turns SCIM on and shows the first token once. The page is refreshed only
 * when the admin says they copied it, so the token does not vanish under them.
 */
export function EnableScim({ blocker }: { blocker: string | null }) {
  const router = useRouter();
  const [lifetime, setLifetime] = useState("90");
  const [created, setCreated] = useState<Enabled | null>(null);
  const { run, pending, error } = useAdminAction<Enabled>({ refresh: false });
  if (created) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="SCIM provisioning is on" role="status">
          Your identity provider can now add, update and remove people. While it is on, people are managed there, not here.
        </Alert>
        <TokenReveal baseUrl={created.baseUrl} token={created.token} />
        <div className="flex justify-end">
          <Button variant="primary" onClick={() => router.refresh()}>
            I’ve copied the token
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {blocker ? (
        <Alert tone="warning" title="SCIM cannot be turned on yet">
          {blocker}
        </Alert>
      ) : (
        <div className="max-w-xs">
          <TokenLifetimeSelect value={lifetime} onChange={setLifetime} />
        </div>
      )}
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <Button
        variant="primary"
        disabled={Boolean(blocker) || pending}
        title={blocker ?? undefined}
        onClick={async () => {
          const r = await run({ url: "/api/admin/scim", body: { enabled: true, expiresInDays: lifetimeValue(lifetime) } });
          if (r.ok) setCreated(r.data);
        }}
      >
        {pending ? "Turning on…" : "Enable SCIM provisioning"}
      </Button>
    </div>
  );
}
