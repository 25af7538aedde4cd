import type { SeatUsage } from "@/lib/orgs/seats";
import { formatCount } from "./format";

/**
 * "18 of 25 seats used · 7 available". Invited members reserve a seat
 * (PRODUCT.md), so they are part of "used" and shown as their own slice.
 */
export function SeatMeter({ usage, invited }: { usage: SeatUsage; invited: number }) {
  const pct = (n: number) => (usage.seats === 0 ? 0 : Math.min(100, (n / usage.seats) * 100));
  const activeHeld = Math.max(0, usage.held - invited);
  const full = usage.available <= 0;
  return (
    <div className="rounded-xl border border-zinc-200 bg-white px-5 py-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-zinc-600">
          <span className="text-lg font-semibold text-zinc-900" data-testid="seat-summary">
            {formatCount(usage.held)} of {formatCount(usage.seats)} seats used
          </span>
          <span className="mx-2 text-zinc-300">·</span>
          <span className={full ? "font-medium text-rose-600" : "text-zinc-600"}>{formatCount(usage.available)} available</span>
        </p>
        <p className="text-xs text-zinc-500">
          {invited > 0 ? `${formatCount(invited)} reserved by pending invitations` : "No pending invitations"}
        </p>
      </div>
      <div
        className="mt-3 flex h-2 overflow-hidden rounded-full bg-zinc-100"
        role="meter"
        aria-label="Seats used"
        aria-valuemin={0}
        aria-valuemax={usage.seats}
        aria-valuenow={usage.held}
      >
        <div className="bg-brand-600" style={{ width: `${pct(activeHeld)}%` }} />
        <div className="bg-brand-300" style={{ width: `${pct(invited)}%` }} />
      </div>
    </div>
  );
}
