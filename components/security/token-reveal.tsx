"use client";

import { Alert } from "../alert";
import { CopyButton } from "../copy-button";

/**
 * A new token, shown once (only its hash is stored, so it cannot be shown
 * again), with the base URL unless the page already shows it right below
 * (`baseUrl` null: just after enabling SCIM, the section under it has it).
 */
export function TokenReveal({ baseUrl, token }: { baseUrl: string | null; token: string }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Copy the token now: it will not be shown again" role="status">
        Paste {baseUrl ? "both values" : "it, with the SCIM base URL shown below,"} into your identity provider’s SCIM settings (Okta:
        “SCIM connector base URL” and “API token”; Entra ID: “Tenant URL” and “Secret token”). If you lose the token, generate
        another one and revoke this one.
      </Alert>
      {baseUrl ? <Secret label="SCIM base URL" value={baseUrl} /> : null}
      <Secret label="Bearer token" value={token} testId="new-scim-token" />
    </div>
  );
}

export function Secret({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</p>
      <div className="mt-1 flex items-center gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 truncate rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-800 select-all">
          {value}
        </code>
        <CopyButton value={value} label={label} />
      </div>
    </div>
  );
}
