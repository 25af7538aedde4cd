"use client";

import { useEffect, useState } from "react";
import { Alert, ErrorAlert } from "../alert";
import { Button } from "../button";
import { Card, CardHeader } from "../card";
import { ConfirmDialog } from "../confirm-action";
import { TextField } from "../fields";
import { formatCount, formatMoney, plural } from "../format";
import { useApiAction } from "../api-client";

interface Quote {
  quantity: number;
  unitPriceCents: number;
  remainingFraction: number;
  amountDueCents: number;
  seatsAfter: number;
}

/**
 * "Make changes to your plan": add seats (priced and prorated by the server,
 * the same quote addSeats charges) or remove unused ones. Only shown to
 * organisations that pay by card; the server refuses the others anyway.
 * Either change is restated in a dialog (seats before and after, the amount
 * charged or forfeited) and applied only when confirmed: money moves at once.
 */
export function PlanChanges({
  seats,
  held,
  unitPriceCents,
  periodEnd,
  maxPerChange,
  startWith,
}: {
  seats: number;
  held: number;
  unitPriceCents: number;
  periodEnd: string;
  /** The server's limit on one change (lib/orgs/billing.ts), so the form refuses what the server would. */
  maxPerChange: number;
  /** Open the form with this many seats to add (the Users page's banner asks for what the IdP was refused). */
  startWith: number | null;
}) {
  const [open, setOpen] = useState(startWith !== null);
  const [done, setDone] = useState<string | null>(null);
  if (!open) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={() => setOpen(true)}>
          Make changes to your plan
        </Button>
        {done ? (
          <p role="status" className="text-sm text-emerald-700">
            {done}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <AddSeats
        seats={seats}
        unitPriceCents={unitPriceCents}
        periodEnd={periodEnd}
        maxPerChange={maxPerChange}
        initial={startWith ?? 5}
        onDone={(msg) => {
          setDone(msg);
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
      />
      <RemoveSeats
        seats={seats}
        held={held}
        periodEnd={periodEnd}
        onDone={(msg) => {
          setDone(msg);
          setOpen(false);
        }}
      />
    </div>
  );
}

function AddSeats({
  seats,
  unitPriceCents,
  periodEnd,
  maxPerChange,
  initial,
  onDone,
  onCancel,
}: {
  seats: number;
  unitPriceCents: number;
  periodEnd: string;
  maxPerChange: number;
  initial: number;
  onDone: (msg: string) => void;
  onCancel: () => void;
}) {
  const [raw, setRaw] = useState(String(initial));
  const quantity = Number(raw);
  const valid = Number.isInteger(quantity) && quantity >= 1 && quantity <= maxPerChange;
  const [quote, setQuote] = useState<Quote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const quoting = useApiAction<Quote>({ refresh: false });
  const runQuote = quoting.run;

  useEffect(() => {
    if (!valid) return;
    const timer = setTimeout(async () => {
      const r = await runQuote({ url: `/api/admin/billing/quote?quantity=${quantity}`, method: "GET" });
      if (r.ok) {
        setQuote(r.data);
        setQuoteError(null);
      } else setQuoteError(r.message);
    }, 250);
    return () => clearTimeout(timer);
  }, [quantity, valid, runQuote]);

  const current = quote && quote.quantity === quantity ? quote : null;
  return (
    <Card>
      <CardHeader title="Add seats" description={`Charged now for the rest of the billing period (until ${periodEnd}).`} />
      <form
        className="space-y-4 px-5 py-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (current) setConfirming(true);
        }}
      >
        <TextField
          label="Seats to add"
          name="quantity"
          type="number"
          min={1}
          max={maxPerChange}
          step={1}
          required
          value={raw}
          onChange={(e) => setRaw(e.target.value)}
          hint={valid ? undefined : `Enter a whole number from 1 to ${formatCount(maxPerChange)}.`}
        />
        <dl className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm" aria-live="polite">
          <Row label="Price per seat" value={`${formatMoney(unitPriceCents)} / year`} />
          <Row
            label="Prorated for the rest of the period"
            value={current ? `${Math.round(current.remainingFraction * 100)}% of a year` : valid ? "Calculating…" : "—"}
          />
          <Row label="Seats after the change" value={valid ? formatCount(seats + quantity) : "—"} />
          <Row
            label="Due now"
            strong
            value={current ? formatMoney(current.amountDueCents) : valid ? "Calculating…" : "—"}
            testId="amount-due"
          />
        </dl>
        {quoteError ? <Alert tone="error">{quoteError}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!current}>
            {current ? `Review: add ${plural(quantity, "seat")}…` : "Add seats"}
          </Button>
        </div>
      </form>
      {current ? (
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          spec={{
            title: `Add ${plural(quantity, "seat")} for ${formatMoney(current.amountDueCents)}?`,
            description: (
              <>
                <p>
                  Your seats go from <strong>{formatCount(seats)}</strong> to <strong>{formatCount(seats + quantity)}</strong>.
                </p>
                <p className="mt-2">
                  Your card is charged <strong>{formatMoney(current.amountDueCents)}</strong> now: {plural(quantity, "seat")} at{" "}
                  {formatMoney(current.unitPriceCents)} a year, prorated to {Math.round(current.remainingFraction * 100)}% for the rest of
                  the period (until {periodEnd}).
                </p>
              </>
            ),
            confirmLabel: `Add ${plural(quantity, "seat")} · pay ${formatMoney(current.amountDueCents)}`,
            confirmVariant: "primary",
            request: { url: "/api/admin/billing/seats", body: { change: "add", quantity } },
            onDone: (data) => {
              const r = data as { seatsAfter: number; amountDueCents: number };
              onDone(`Added ${plural(quantity, "seat")}: you now have ${formatCount(r.seatsAfter)}. Charged ${formatMoney(r.amountDueCents)}.`);
            },
          }}
        />
      ) : null}
    </Card>
  );
}

function RemoveSeats({ seats, held, periodEnd, onDone }: { seats: number; held: number; periodEnd: string; onDone: (msg: string) => void }) {
  const unused = seats - held;
  const [raw, setRaw] = useState(String(Math.min(1, unused)));
  const quantity = Number(raw);
  const valid = Number.isInteger(quantity) && quantity >= 1 && quantity <= unused;
  const [confirming, setConfirming] = useState(false);
  // What the removed seats are still paid for this period: the same prorated price adding them back would cost.
  const valuing = useApiAction<Quote>({ refresh: false });
  const [forfeit, setForfeit] = useState<Quote | null>(null);
  return (
    <Card>
      <CardHeader title="Remove unused seats" description="Lower your seat count, down to the seats in use. No refund is issued for the current period." />
      {unused === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-600">
          All {formatCount(seats)} seats are in use (invited people reserve theirs). Deactivate or remove people first to free seats.
        </p>
      ) : (
        <form
          className="space-y-4 px-5 py-4"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!valid) return;
            const r = await valuing.run({ url: `/api/admin/billing/quote?quantity=${quantity}`, method: "GET" });
            setForfeit(r.ok ? r.data : null);
            if (r.ok) setConfirming(true);
          }}
        >
          <TextField
            label="Seats to remove"
            name="remove"
            type="number"
            min={1}
            max={unused}
            required
            value={raw}
            onChange={(e) => setRaw(e.target.value)}
            hint={`${plural(unused, "seat")} unused; you can remove up to ${formatCount(unused)}.`}
          />
          <ErrorAlert message={valuing.error} />
          <div className="flex justify-end">
            <Button type="submit" disabled={!valid || valuing.pending}>
              {valid ? `Review: remove ${plural(quantity, "seat")}…` : "Remove seats"}
            </Button>
          </div>
        </form>
      )}
      {forfeit && forfeit.quantity === quantity ? (
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          spec={{
            title: `Remove ${plural(quantity, "seat")}?`,
            description: (
              <>
                <p>
                  Your seats go from <strong>{formatCount(seats)}</strong> to <strong>{formatCount(seats - quantity)}</strong>.
                </p>
                <p className="mt-2">
                  No refund is issued: the <strong>{formatMoney(forfeit.amountDueCents)}</strong> these seats are paid for until {periodEnd}{" "}
                  is forfeited, and adding them back later is charged again.
                </p>
              </>
            ),
            confirmLabel: `Remove ${plural(quantity, "seat")}`,
            request: { url: "/api/admin/billing/seats", body: { change: "remove", quantity } },
            onDone: (data) => onDone(`Removed ${plural(quantity, "seat")}: you now have ${formatCount((data as { seatsAfter: number }).seatsAfter)}.`),
          }}
        />
      ) : null}
    </Card>
  );
}

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div className="flex items-center justify-between px-3 py-2">
      <dt className="text-zinc-600">{label}</dt>
      <dd data-testid={testId} className={strong ? "text-base font-semibold text-zinc-900" : "font-medium text-zinc-900"}>
        {value}
      </dd>
    </div>
  );
}
