import Link from "next/link";
import type { SeatRefusal } from "@/lib/audit/provisioning";
import { Alert } from "../alert";
import { ButtonLink } from "../button";
import { formatDateTime, plural } from "../format";

/**
 * Shown on the Users page while the IdP has people it could not provision
 * for lack of seats; it goes away once the IdP retries them successfully.
 */
export function SeatRefusalBanner({
  refusals,
  total,
  available,
  canBuy,
}: {
  refusals: SeatRefusal[];
  total: number;
  /** Seats free now: "Add seats" asks for what the refused people still need beyond them (at least one). */
  available: number;
  canBuy: boolean;
}) {
  if (total === 0) return null;
  const needed = Math.max(1, total - Math.max(0, available));
  return (
    <Alert
      tone="warning"
      role="alert"
      className="mb-6"
      title={`Your identity provider could not add ${plural(total, "person", "people")}: no seats were available`}
      action={
        canBuy ? (
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
        {canBuy
          ? "Add seats, then retry them from your IdP (or wait for its next sync)."
          : "Your organisation pays by invoice: ask your Customer Success Manager for more seats, then retry them from your IdP."}{" "}
        <Link href="/admin/security/provisioning?outcome=failure" className="font-medium underline">
          Provisioning log
        </Link>
      </p>
      <ul className="mt-2 space-y-1" aria-label="People refused for lack of seats">
        {refusals.map((r) => (
          <li key={`${r.resourceId ?? r.target}`} className="flex flex-wrap gap-x-2">
            <span className="font-medium">{r.target ?? "Unknown user"}</span>
            <span className="text-amber-800/80">
              refused {formatDateTime(r.at)} UTC{r.attempts > 1 ? ` (${r.attempts} attempts)` : ""}
            </span>
          </li>
        ))}
        {total > refusals.length ? <li className="text-amber-800/80">and {plural(total - refusals.length, "more person", "more people")}</li> : null}
      </ul>
    </Alert>
  );
}
