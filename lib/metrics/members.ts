import { sql } from "drizzle-orm";
import { Gauge } from "prom-client";
import { getDb, type Db } from "@/lib/db";
import { scrapeRows } from "./db-gauges";
import { metric } from "./registry";

/**
 * Members of every organisation by state, counted when Prometheus scrapes:
 * one grouped count over memberships (a 100,000-member organisation is
 * 100,000 rows read once a scrape, not a query per request). No
 * per-organisation label: a label per organisation would make a series per
 * customer, and the seats each one holds are on its Billing page.
 */
const STATES = ["invited", "active", "deactivated"] as const;
export type MemberCounts = Record<(typeof STATES)[number], number>;

export async function countMembersByState(db: Db): Promise<MemberCounts> {
  const rows = await scrapeRows<{ state: string; n: number | string }>(
    db,
    sql`select state::text as state, count(*)::int as n from memberships group by state`,
  );
  const counts = new Map(rows.map((r) => [r.state, Number(r.n)]));
  return Object.fromEntries(STATES.map((s) => [s, counts.get(s) ?? 0])) as MemberCounts;
}

export function registerMemberMetrics(): void {
  metric(
    "members",
    (registers) =>
      new Gauge({
        name: "roster_members",
        help: "Members of all organisations by state (read from the database at scrape time; the same on every instance).",
        labelNames: ["state"] as const,
        registers,
        async collect() {
          const counts = await countMembersByState(await getDb());
          for (const state of STATES) this.labels(state).set(counts[state]);
        },
      }),
  );
}
