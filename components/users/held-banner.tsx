"use client";

import { Alert, ErrorAlert } from "../alert";
import { useApiAction } from "../api-client";
import { Button } from "../button";
import { formatDateTime, plural } from "../format";

/** A SCIM deactivation or deletion the mass-deprovisioning guard held, as the banner shows it. */
export interface HeldRequest {
  id: string;
  userName: string;
  kind: string;
  firstHeldAt: Date | string;
  lastRetriedAt: Date | string;
  retries: number;
}

/**
 * Issue 16: the guard held deactivations or deletions from the IdP. Allow
 * lifts the guard for a few hours (the IdP's retries then apply); Keep
 * blocked hides this list and leaves the requests refused.
 */
export function HeldBanner({ held, allowHours, allowedUntil }: { held: HeldRequest[]; allowHours: number; allowedUntil: Date | string | null }) {
  const { run, pending, error } = useApiAction();
  // While an Allow runs nothing is held (listHeld shows nothing): say the guard is lifted, and until when.
  if (allowedUntil) {
    return (
      <Alert
        tone="warning"
        className="mb-6"
        title={`The mass-deprovisioning guard is lifted until ${formatDateTime(allowedUntil)} UTC`}
        action={
          <Button size="sm" disabled={pending} onClick={() => run({ url: "/api/admin/deprovision-guard", body: { action: "end_allow" } })}>
            Turn the guard back on now
          </Button>
        }
      >
        <p>Your identity provider&apos;s deactivations and deletions go through without being held. Turn the guard back on once its change is done.</p>
        <ErrorAlert message={error} className="mt-2" />
      </Alert>
    );
  }
  if (held.length === 0) return null;
  return (
    <Alert
      tone="error"
      role="alert"
      className="mb-6"
      title={`Held: your identity provider asked to remove ${plural(held.length, "more person", "more people")} than the mass-deprovisioning guard allows in an hour`}
      action={
        <span className="flex gap-2">
          <Button variant="danger" size="sm" disabled={pending} onClick={() => run({ url: "/api/admin/deprovision-guard", body: { action: "allow" } })}>
            Allow
          </Button>
          <Button size="sm" disabled={pending} onClick={() => run({ url: "/api/admin/deprovision-guard", body: { action: "keep_blocked" } })}>
            Keep blocked
          </Button>
        </span>
      }
    >
      <p>
        Nothing below was changed. If the change in your identity provider is intended, press Allow: its retries go through for the next{" "}
        {allowHours} hours. If not, undo the assignment in your identity provider and press Keep blocked.
      </p>
      <ErrorAlert message={error} className="mt-2" />
      <ul className="mt-2 space-y-1" aria-label="Held deprovisioning requests">
        {held.map((h) => (
          <li key={h.id} className="flex flex-wrap gap-x-2">
            <span className="font-medium">{h.userName}</span>
            <span className="opacity-80">
              {h.kind === "delete" ? "deletion" : "deactivation"} held {formatDateTime(h.firstHeldAt)} UTC
              {h.retries > 0 ? ` · retried ${plural(h.retries, "time")}, last ${formatDateTime(h.lastRetriedAt)} UTC` : ""}
            </span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
