"use client";

import { useEffect, useState } from "react";
import { Alert, ErrorAlert } from "../alert";
import { Button } from "../button";
import { Card, CardHeader } from "../card";
import { TextField } from "../fields";
import { formatMoney, plural } from "../format";
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
 */
export function PlanChanges({
  seats,
  held,
  unitPriceCents,
  periodEnd,
  startOpen,
}: {
  seats: number;
  held: number;
  unitPriceCents: number;
  periodEnd: string;
  startOpen: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
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
        onDone={(msg) => {
          setDone(msg);
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
      />
      <RemoveSeats
        seats={seats}
        held={held}
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
  onDone,
  onCancel,
}: {
  seats: number;
  unitPriceCents: number;
  periodEnd: string;
  onDone: (msg: string) => void;
  onCancel: () => void;
}) {
  const [raw, setRaw] = useState("5");
  const quantity = Number(raw);
  const valid = Number.isInteger(quantity) && quantity >= 1 && quantity <= 100_000;
  const [quote, setQuote] = useState<Quote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const quoting = useApiAction<Quote>({ refresh: false });
  const buying = useApiAction<{ seatsAfter: number; amountDueCents: number }>();
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
        onSubmit={async (e) => {
          e.preventDefault();
          if (!valid) return;
          const r = await buying.run({ url: "/api/admin/billing/seats", body: { change: "add", quantity } });
          if (r.ok) onDone(`Added ${plural(quantity, "seat")}: you now have ${r.data.seatsAfter}. Charged ${formatMoney(r.data.amountDueCents)}.`);
        }}
      >
        <TextField
          label="Seats to add"
          name="quantity"
          type="number"
          min={1}
          max={100000}
          step={1}
          required
          value={raw}
          onChange={(e) => setRaw(e.target.value)}
          hint={valid ? undefined : "Enter a whole number from 1 to 100,000."}
        />
        <dl className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm" aria-live="polite">
          <Row label="Price per seat" value={`${formatMoney(unitPriceCents)} / year`} />
          <Row
            label="Prorated for the rest of the period"
            value={current ? `${Math.round(current.remainingFraction * 100)}% of a year` : valid ? "Calculating…" : "—"}
          />
          <Row label="Seats after the change" value={valid ? String(seats + quantity) : "—"} />
          <Row
            label="Due now"
            strong
            value={current ? formatMoney(current.amountDueCents) : valid ? "Calculating…" : "—"}
            testId="amount-due"
          />
        </dl>
        {quoteError ? <Alert tone="error">{quoteError}</Alert> : null}
        <ErrorAlert message={buying.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onCancel} disabled={buying.pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={!current || buying.pending}>
            {buying.pending ? "Adding seats…" : current ? `Add ${plural(quantity, "seat")} · pay ${formatMoney(current.amountDueCents)}` : "Add seats"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function RemoveSeats({ seats, held, onDone }: { seats: number; held: number; onDone: (msg: string) => void }) {
  const unused = seats - held;
  const [raw, setRaw] = useState(String(Math.min(1, unused)));
  const quantity = Number(raw);
  const valid = Number.isInteger(quantity) && quantity >= 1 && quantity <= unused;
  const { run, pending, error } = useApiAction<{ seatsAfter: number }>();
  return (
    <Card>
      <CardHeader title="Remove unused seats" description="Lower your seat count, down to the seats in use. No refund is issued for the current period." />
      {unused === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-600">
          All {seats} seats are in use (invited people reserve theirs). Deactivate or remove people first to free seats.
        </p>
      ) : (
        <form
          className="space-y-4 px-5 py-4"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!valid) return;
            const r = await run({ url: "/api/admin/billing/seats", body: { change: "remove", quantity } });
            if (r.ok) onDone(`Removed ${plural(quantity, "seat")}: you now have ${r.data.seatsAfter}.`);
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
            hint={`${plural(unused, "seat")} unused; you can remove up to ${unused}.`}
          />
          <ErrorAlert message={error} />
          <div className="flex justify-end">
            <Button type="submit" disabled={!valid || pending}>
              {pending ? "Removing…" : valid ? `Remove ${plural(quantity, "seat")}` : "Remove seats"}
            </Button>
          </div>
        </form>
      )}
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
