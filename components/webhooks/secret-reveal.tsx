"use client";

import { Alert } from "../alert";
import { Secret } from "../security/token-reveal";

/** A signing secret, shown once: Roster keeps it to sign, but never shows it again. */
export function SecretReveal({ secret }: { secret: string }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Copy the signing secret now: it will not be shown again" role="status">
        Your receiver verifies each request’s <code>webhook-signature</code> with it (Standard Webhooks; libraries exist for most
        languages). If you lose it, rotate the secret.
      </Alert>
      <Secret label="Signing secret" value={secret} testId="webhook-secret" />
    </div>
  );
}
