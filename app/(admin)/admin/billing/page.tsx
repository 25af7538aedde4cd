import type { Metadata } from "next";
import { Alert } from "@/components/alert";
import { PlanChanges } from "@/components/billing/plan-changes";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { formatCount, formatDate, formatDateTime, formatMoney, plural } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { SeatMeter } from "@/components/seat-meter";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import { WaitingList } from "@/components/users/waiting-list";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { billingHistory, MAX_SEATS_PER_CHANGE } from "@/lib/orgs/billing";
import { countInvited } from "@/lib/orgs/member-lookup";
import { seatUsage } from "@/lib/orgs/seats";
import { listWaiting } from "@/lib/orgs/seat-waitlist";

export const metadata: Metadata = { title: "Billing" };

const PLAN = { free: "Free", team: "Team", enterprise: "Enterprise" } as const;

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { org } = await requireAdminPage();
  const params = await searchParams;
  const db = await getDb();
  const [usage, invited, history, waiting] = await Promise.all([
    seatUsage(db, org.id),
    countInvited(db, org.id),
    billingHistory(db, org.id),
    listWaiting(db, org.id),
  ]);
  const byInvoice = org.billingMethod === "invoice";
  return (
    <>
      <PageHeader title="Billing" description="Your plan, your seats and how you pay. Seats are billed per year; additions are prorated." />
      <SeatMeter usage={usage} invited={invited} />
      <Card className="mt-6">
        <CardHeader title="Plan" />
        <dl className="grid grid-cols-2 gap-6 px-5 py-5 text-sm md:grid-cols-5">
          <Fact label="Plan" value={PLAN[org.plan]} />
          <Fact label="Seats purchased" value={formatCount(usage.seats)} testId="seats-purchased" />
          <Fact label="Seats used" value={formatCount(usage.held)} hint={invited ? `${formatCount(invited)} reserved by invitations` : undefined} />
          <Fact
            label="Billing method"
            value={byInvoice ? "Invoice" : "Card"}
            hint={byInvoice ? "Managed by your Customer Success Manager" : `${formatMoney(org.seatPriceCents)} per seat per year`}
          />
          <Fact label="Current period" value={`${formatDate(org.periodStart)} – ${formatDate(org.periodEnd)}`} />
        </dl>
      </Card>
      {/* Issue 16: whoever waits for a seat, so buying seats and adding them is one visit. */}
      <div className="mt-6">
        <WaitingList waiting={waiting} available={usage.available} canBuy={!byInvoice} compact />
      </div>
      <section className="mt-6" aria-label="Change your plan">
        {byInvoice ? (
          <Alert tone="info" title="To change your plan, contact your Customer Success Manager">
            {org.name} pays by invoice, so seats are added or removed by your Customer Success Manager rather than here. Tell them
            how many seats you need; the change shows on this page as soon as they apply it.
          </Alert>
        ) : (
          <PlanChanges
            seats={usage.seats}
            held={usage.held}
            unitPriceCents={org.seatPriceCents}
            periodEnd={formatDate(org.periodEnd)}
            maxPerChange={MAX_SEATS_PER_CHANGE}
            startWith={startWith(params.add, MAX_SEATS_PER_CHANGE)}
          />
        )}
      </section>
      <Card className="mt-6">
        <CardHeader title="Seat changes" description="Every purchase and reduction, with what was charged (UTC)." />
        {history.length === 0 ? (
          <div className="p-5">
            <EmptyState title="No seat changes yet">Seats you add or remove appear here with the amount charged.</EmptyState>
          </div>
        ) : (
          <Table label="Seat changes">
            <THead>
              <Th>When</Th>
              <Th>Change</Th>
              <Th>Seats</Th>
              <Th>Charged</Th>
              <Th>By</Th>
            </THead>
            <TBody>
              {history.map((h) => (
                <tr key={h.id}>
                  <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(h.at)}</Td>
                  <Td className="font-medium text-zinc-900">
                    {h.kind === "add_seats" ? `Added ${plural(h.quantity, "seat")}` : `Removed ${plural(h.quantity, "seat")}`}
                  </Td>
                  <Td className="text-zinc-700">
                    {formatCount(h.seatsBefore)} → {formatCount(h.seatsAfter)}
                  </Td>
                  <Td className="text-zinc-700">{h.amountDueCents ? formatMoney(h.amountDueCents) : "—"}</Td>
                  <Td className="text-zinc-600">{h.actorEmail ?? "Customer Success (operator)"}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}

/** `?add=N` opens the form with N seats to add (the Users page's banner links here with what the IdP was refused). */
function startWith(add: string | undefined, max: number): number | null {
  if (add === undefined) return null;
  const n = Number.parseInt(add, 10);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 5;
}

function Fact({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="mt-1 font-medium text-zinc-900" data-testid={testId}>
        {value}
      </dd>
      {hint ? <dd className="mt-0.5 text-xs text-zinc-500">{hint}</dd> : null}
    </div>
  );
}
