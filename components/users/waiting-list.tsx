"use client";

import Link from "next/link";
import { Alert, ErrorAlert } from "../alert";
import { useApiAction } from "../api-client";
import { Button, ButtonLink } from "../button";
import { formatDateTime, plural } from "../format";

/** One person the IdP could not add (or reactivate) for lack of seats, as the page shows them. */
export interface WaitingPerson {
  id: string;
  userName: string;
  kind: string;
  lastRefusedAt: Date | string;
}

/**
 * The seat waiting list (issue 16): who the IdP could not provision for lack
 * of seats. With enough free seats one button adds them all, as the IdP would
 * have; otherwise the way to more seats. Each entry can be dismissed. Used on
 * the Users page and in Billing's "Add seats".
 */
export function WaitingList({
  waiting,
  available,
  canBuy,
  compact = false,
}: {
  waiting: WaitingPerson[];
  available: number;
  canBuy: boolean;
  /** Inside another panel (Billing): no page-level buy link. */
  compact?: boolean;
}) {
  const { run, pending, error } = useApiAction();
  if (waiting.length === 0) return null;
  const n = waiting.length;
  const enough = available >= n;
  // "Add seats" asks for what the people waiting still need beyond the free seats.
  const needed = Math.max(1, n - Math.max(0, available));
  const addLabel = `Add the ${n === 1 ? "person" : `${n} people`} waiting`;
  const them = n === 1 ? "them" : `all ${n}`;
  return (
    <Alert
      tone="warning"
      role="alert"
      className="mb-6"
      title={`Your identity provider could not add ${plural(n, "person", "people")}: no seats were available`}
      action={
        enough ? (
          <Button variant="primary" size="sm" disabled={pending} onClick={() => run({ url: "/api/admin/waitlist", body: { action: "admit" } })}>
            {pending ? "Adding…" : addLabel}
          </Button>
        ) : compact ? null : canBuy ? (
          <ButtonLink href={`/admin/billing?add=${needed}`} variant="primary" size="sm">
            Add {plural(needed, "seat")}
          </ButtonLink>
        ) : (
          <ButtonLink href="/admin/billing" size="sm">
            See billing
          </ButtonLink>
        )
      }
    >
      <p>
        {enough
          ? `${plural(available, "seat is", "seats are")} free. Add them now: they get their invitation, and your IdP finds them by userName at its next sync.`
          : canBuy
            ? `${available === 0 ? "No seat is" : `Only ${plural(available, "seat is", "seats are")}`} free for the ${plural(n, "person", "people")} waiting. Add ${plural(needed, "seat")}, then add ${them} here in one step.`
            : `Your organisation pays by invoice: ask your Customer Success Manager for more seats, then add ${them} here in one step.`}
      </p>
      <p className="mt-1">
        <Link href="/admin/security/provisioning?outcome=failure" className="font-medium underline">
          Provisioning log
        </Link>
      </p>
      <ErrorAlert message={error} className="mt-2" />
      <ul className="mt-2 space-y-1" aria-label="People refused for lack of seats">
        {waiting.map((w) => (
          <li key={w.id} className="flex flex-wrap items-center gap-x-2">
            <span className="font-medium">{w.userName}</span>
            <span className="text-amber-800/80">
              {w.kind === "reactivate" ? "reactivation" : "new"} · refused {formatDateTime(w.lastRefusedAt)} UTC
            </span>
            <Button
              variant="ghost"
              size="sm"
              disabled={pending}
              aria-label={`Dismiss ${w.userName}`}
              onClick={() => run({ url: "/api/admin/waitlist", body: { action: "dismiss", id: w.id } })}
            >
              Dismiss
            </Button>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
