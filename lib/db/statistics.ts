import { sql } from "drizzle-orm";
import { log } from "@/lib/log/logger";
import type { Database } from "./client";

/**
 * Keeps PostgreSQL's planner statistics in step with tables that grow fast.
 *
 * Why: Roster prepares its statements (lib/db/prepared.ts), and PostgreSQL
 * keeps a prepared statement's generic plan until the statistics of a table
 * it reads change. A plan made while a table was tiny (the first requests
 * after a deployment, or an organisation's first users) is a sequential
 * scan, and it stays one as an IdP's initial sync grows the table a
 * thousandfold: measured, a `userName eq` lookup read every member (1.5 ms
 * at 2,000 members, 10 ms at 20,000) until something ran ANALYZE. Autovacuum
 * would, eventually (a minute apart at best, and never where it is turned
 * off, as on our build machines); a sync does not wait for it.
 *
 * So every few seconds each instance looks at the tables' change counters and
 * analyzes any table changed by more rows than it held at its last analysis
 * (it doubled, or turned over): a handful of ANALYZEs while a table grows
 * from nothing to 100,000 rows, none while it is steady. ANALYZE makes
 * PostgreSQL drop the plans that read the table, and the next executions
 * plan afresh. Instances take turns through an advisory lock.
 */
const INTERVAL_MS = 2_000;
/** Below this many changes a table is left alone: plans over a few dozen rows are all fine. */
const MIN_CHANGES = 50;
// Any constant works; it only has to be the same for every Roster instance.
const LOCK_KEY = 7_261_002;

export function startStatisticsKeeper(database: Database): { stop(): void } {
  if (database.kind !== "postgres") return { stop() {} }; // PGlite plans every query afresh (no named statements).
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    // A line for each run that analyzed something; the quiet checks every two seconds only at debug level.
    refreshStatistics(database)
      .then(
        (analyzed) => log()[analyzed.length ? "info" : "debug"]({ job: "statistics", analyzed, durationMs: ms() }, "job"),
        (e: unknown) => log().error({ job: "statistics", durationMs: ms(), err: e }, "job failed; will retry"),
      )
      .finally(() => (running = false));
  }, INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Analyzes the tables that changed by more than their size since their last analysis; returns their names. */
async function refreshStatistics(database: Database): Promise<string[]> {
  const stale = await database.db.execute<{ table: string }>(sql`
    select s.relname as table from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema() and s.n_mod_since_analyze > ${MIN_CHANGES} + greatest(c.reltuples, 0)`);
  const tables = rowsOf<{ table: string }>(stale).map((r) => r.table);
  if (tables.length === 0) return [];
  return database.db.transaction(async (tx) => {
    const locked = rowsOf<{ ok: boolean }>(await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`));
    if (!locked[0]?.ok) return []; // another instance is at it
    for (const table of tables) await tx.execute(sql`analyze ${sql.identifier(table)}`);
    return tables;
  });
}

/** Both drivers' execute results, as rows. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
