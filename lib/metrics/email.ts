import { sql } from "drizzle-orm";
import { Counter, Gauge } from "prom-client";
import { getDb, type Db } from "@/lib/db";
import { scrapeRows, sharedPerScrape } from "./db-gauges";
import { metric } from "./registry";

/**
 * The email outbox: what waits (count and the age of the oldest, read from
 * the database at scrape time through the partial index of pending rows) and
 * what this instance's delivery worker did with each email it took (counted
 * in memory as it goes).
 */
export type DeliveryOutcome = "sent" | "retry" | "gave_up";

const deliveries = () =>
  metric(
    "email_deliveries",
    (registers) =>
      new Counter({
        name: "roster_email_deliveries_total",
        help: "Email delivery attempts by this instance: sent, failed and to be retried (retry), or failed for the last time (gave_up).",
        labelNames: ["outcome"] as const,
        registers,
      }),
  );

export function registerEmailMetrics(): void {
  for (const outcome of ["sent", "retry", "gave_up"] as const) deliveries().labels(outcome).inc(0);
  registerOutboxGauges();
}

export function countEmailDeliveries(outcome: DeliveryOutcome, n = 1): void {
  if (n > 0) deliveries().labels(outcome).inc(n);
}

export interface OutboxBacklog {
  pending: number;
  /** Seconds since the oldest pending email was queued; 0 when none waits. */
  oldestSeconds: number;
}

export async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  const [row] = await scrapeRows<{ pending: number | string; oldest: number | string | null }>(
    db,
    sql`select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as oldest
        from email_outbox where status = 'pending'`,
  );
  return { pending: Number(row?.pending ?? 0), oldestSeconds: row?.oldest == null ? 0 : Math.max(0, Number(row.oldest)) };
}

const outbox = sharedPerScrape(async () => outboxBacklog(await getDb()));

function registerOutboxGauges(): void {
  metric(
    "email_outbox_pending",
    (registers) =>
      new Gauge({
        name: "roster_email_outbox_pending",
        help: "Emails waiting in the outbox, due now or waiting for a retry (database, at scrape time; the same on every instance).",
        registers,
        async collect() {
          this.set((await outbox()).pending);
        },
      }),
  );
  metric(
    "email_outbox_oldest",
    (registers) =>
      new Gauge({
        name: "roster_email_outbox_oldest_pending_age_seconds",
        help: "Age of the oldest email still waiting in the outbox, 0 when none waits (database, at scrape time).",
        registers,
        async collect() {
          this.set((await outbox()).oldestSeconds);
        },
      }),
  );
}
