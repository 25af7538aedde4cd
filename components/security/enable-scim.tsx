"use client";

import { useState } from "react";
import { Alert, ErrorAlert } from "../alert";
import { Button } from "../button";
import { useApiAction } from "../api-client";
import { useRevealToken } from "./scim-reveal";
import { lifetimeValue, TokenLifetimeSelect } from "./token-lifetime-select";

/** Turns SCIM on; the first token is shown once by ScimReveal, above the refreshed section. */
export function EnableScim({ blocker }: { blocker: string | null }) {
  const reveal = useRevealToken();
  const [lifetime, setLifetime] = useState("90");
  const { run, pending, error } = useApiAction<{ baseUrl: string; token: string }>();
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
      <ErrorAlert message={error} />
      <Button
        variant="primary"
        disabled={Boolean(blocker) || pending}
        title={blocker ?? undefined}
        onClick={async () => {
          const r = await run({ url: "/api/admin/scim", body: { enabled: true, expiresInDays: lifetimeValue(lifetime) } });
          if (r.ok) reveal(r.data);
        }}
      >
        {pending ? "Turning on…" : "Enable SCIM provisioning"}
      </Button>
    </div>
  );
}
