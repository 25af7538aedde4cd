import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { organisations } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import type { Actor } from "./actor";
import { recordAudit } from "./log";

const DEFAULT_RETENTION_DAYS = 365;
const MIN_RETENTION_DAYS = 30;
const MAX_RETENTION_DAYS = 3650;

/**
 * How long an organisation's audit trail and provisioning log keep entries.
 * Owners change it; the change is itself in the trail. The bounds are the
 * database's CHECK too: a month at least (an investigation needs time), ten
 * years at most.
 */
export async function setAuditRetention(db: Executor, p: { orgId: string; days: number; actor: Actor }): Promise<number> {
  authorize(p.actor, "audit.retention", { org: { id: p.orgId } });
  if (!Number.isInteger(p.days) || p.days < MIN_RETENTION_DAYS || p.days > MAX_RETENTION_DAYS) {
    throw new ValidationError(`Keep entries between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS} days (a whole number of days).`, "days");
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ days: organisations.auditRetentionDays }).from(organisations).where(eq(organisations.id, p.orgId)).for("update");
    if (!before || before.days === p.days) return p.days;
    await tx.update(organisations).set({ auditRetentionDays: p.days, updatedAt: new Date() }).where(eq(organisations.id, p.orgId));
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "audit.retention_changed", details: { days: p.days, previousDays: before.days } });
    return p.days;
  });
}

export async function auditRetentionDays(db: Executor, orgId: string): Promise<number> {
  const [row] = await db.select({ days: organisations.auditRetentionDays }).from(organisations).where(eq(organisations.id, orgId));
  return row?.days ?? DEFAULT_RETENTION_DAYS;
}

/** Rows deleted per statement: short statements, so the job never holds many locks or a long transaction. */
const BATCH = 5_000;

/**
 * The retention job (lib/server/boot.ts housekeeping, every instance): deletes
 * audit and provisioning-log entries older than their organisation keeps, a
 * batch per statement until none are left. Idempotent, so instances running
 * it at once only share the work.
 */
export async function purgeExpiredEntries(db: Executor, batch = BATCH): Promise<{ audit: number; provisioning: number }> {
  const purge = async (table: "audit_log" | "provisioning_log") => {
    let total = 0;
    for (;;) {
      const rows = await db.execute<{ n: number }>(sql`with doomed as (
          select l.id from ${sql.raw(table)} l join organisations o on o.id = l.org_id
          where l.at < now() - make_interval(days => o.audit_retention_days)
          limit ${batch}
        ), gone as (delete from ${sql.raw(table)} where id in (select id from doomed) returning 1)
        select count(*)::int as n from gone`);
      const n = Number(rowsOf<{ n: number }>(rows)[0]?.n ?? 0);
      total += n;
      if (n < batch) return total;
    }
  };
  return { audit: await purge("audit_log"), provisioning: await purge("provisioning_log") };
}

/** db.execute answers an array (postgres-js) or { rows } (PGlite). */
function rowsOf<T>(r: unknown): T[] {
  return Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []);
}
