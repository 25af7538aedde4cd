import { and, desc, eq, gte, ilike, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { provisioningLog, type ProvisioningLogEntry } from "@/lib/db/schema";
import { SEAT_LIMIT_DETAIL_PREFIX } from "@/lib/errors";
import { keysetPage } from "@/lib/db/keyset";
import { escapeLike } from "@/lib/db/like";

export type { ProvisioningLogEntry };

/**
 * Reading the provisioning log (written by lib/scim for every SCIM request)
 * for the Security page, the per-user timeline and the Users page's seat
 * banner. Pages are keyset-paged on the id, newest first, so the log can grow
 * without making the page slower.
 */
export const LOG_OUTCOMES = ["success", "failure"] as const;
export type LogOutcome = (typeof LOG_OUTCOMES)[number];
export const LOG_OPERATIONS = ["create", "replace", "patch", "delete", "get", "list"] as const;
export type LogOperation = (typeof LOG_OPERATIONS)[number];

export interface ProvisioningLogQuery {
  orgId: string;
  outcome?: LogOutcome;
  resourceType?: "User" | "Group";
  /** The kind of request: the log's `operation` starts with it ("patch: replace active"). */
  operation?: LogOperation;
  /** Part of the target's userName, name or group name. */
  target?: string;
  /** Entries with an id below this one (the "Older" link). */
  before?: number;
  limit?: number;
}


/** A request the IdP made that Roster refused for lack of seats (see SEAT_LIMIT_DETAIL_PREFIX). */
const isSeatRefusal = and(
  // A literal, so the planner can use the partial index provisioning_log_refusals_idx (status = 403).
  sql`${provisioningLog.status} = 403`,
  like(provisioningLog.detail, `${escapeLike(SEAT_LIMIT_DETAIL_PREFIX)}%`),
)!;

export async function listProvisioningLog(
  db: Executor,
  q: ProvisioningLogQuery,
): Promise<{ rows: ProvisioningLogEntry[]; nextBefore: number | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const filters: SQL[] = [eq(provisioningLog.orgId, q.orgId)];
  if (q.outcome === "success") filters.push(lt(provisioningLog.status, 400));
  if (q.outcome === "failure") filters.push(gte(provisioningLog.status, 400));
  if (q.resourceType) filters.push(eq(provisioningLog.resourceType, q.resourceType));
  if (q.operation) filters.push(like(provisioningLog.operation, `${q.operation}%`));
  const term = q.target?.trim();
  // The userName or the name the row kept: a person deleted since is found by name.
  if (term) filters.push(or(ilike(provisioningLog.target, `%${escapeLike(term)}%`), ilike(provisioningLog.targetName, `%${escapeLike(term)}%`))!);
  if (q.before) filters.push(lt(provisioningLog.id, q.before));
  const rows = await db
    .select()
    .from(provisioningLog)
    .where(and(...filters))
    .orderBy(desc(provisioningLog.id))
    .limit(limit + 1);
  return keysetPage(rows, limit);
}

/**
 * Everything the IdP did to one member, newest first: requests on their id,
 * and requests naming their userName or email (a refused create has no id yet).
 */
export async function memberTimeline(
  db: Executor,
  p: { orgId: string; membershipId: string; names: string[]; limit?: number },
): Promise<ProvisioningLogEntry[]> {
  const names = [...new Set(p.names.map((n) => n.toLowerCase()))];
  const byName = names.length
    ? sql`lower(${provisioningLog.target}) in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})`
    : sql`false`;
  return db
    .select()
    .from(provisioningLog)
    .where(
      and(
        eq(provisioningLog.orgId, p.orgId),
        or(eq(provisioningLog.resourceId, p.membershipId), and(eq(provisioningLog.resourceType, "User"), byName)),
      ),
    )
    .orderBy(desc(provisioningLog.id))
    .limit(p.limit ?? 100);
}

export interface SeatRefusal {
  target: string | null;
  resourceId: string | null;
  at: Date;
  detail: string | null;
  attempts: number;
}

/** How far back the Users page looks for refused people. */
const SEAT_REFUSAL_WINDOW_DAYS = 30;

/**
 * People the IdP could not provision (or reactivate) for lack of seats and has
 * not since succeeded with: one line per person with the latest refusal. A
 * later successful request for the same user clears it, which is what the
 * banner promises ("it clears once the IdP retries successfully").
 */
export async function unresolvedSeatRefusals(db: Executor, orgId: string, limit = 20): Promise<{ rows: SeatRefusal[]; total: number }> {
  const since = new Date(Date.now() - SEAT_REFUSAL_WINDOW_DAYS * 86_400_000);
  const r = provisioningLog;
  const key = sql`coalesce(${r.resourceId}::text, lower(${r.target}))`;
  const refusals = db
    .select({
      key: sql<string>`${key}`.as("key"),
      target: sql<string | null>`(array_agg(${r.target} order by ${r.id} desc))[1]`.as("target"),
      resourceId: sql<string | null>`(array_agg(${r.resourceId}::text order by ${r.id} desc))[1]`.as("resource_id"),
      lastId: sql<number>`max(${r.id})`.as("last_id"),
      at: sql<Date>`max(${r.at})`.as("at"),
      detail: sql<string | null>`(array_agg(${r.detail} order by ${r.id} desc))[1]`.as("detail"),
      attempts: sql<number>`count(*)::int`.as("attempts"),
    })
    .from(r)
    .where(and(eq(r.orgId, orgId), gte(r.at, since), eq(r.resourceType, "User"), isSeatRefusal))
    .groupBy(key)
    .as("refusals");
  const rows = await db
    .select({
      target: refusals.target,
      resourceId: refusals.resourceId,
      at: refusals.at,
      detail: refusals.detail,
      attempts: refusals.attempts,
    })
    .from(refusals)
    .where(
      sql`not exists (
        select 1 from ${provisioningLog} s
        where s.org_id = ${orgId} and s.id > "refusals"."last_id" and s.status between 200 and 299
          and s.resource_type = 'User'
          and (s.resource_id::text = "refusals"."resource_id" or lower(s.target) = lower("refusals"."target"))
      )`,
    )
    .orderBy(desc(refusals.at));
  return {
    rows: rows.slice(0, limit).map((x) => ({ ...x, at: new Date(x.at) })),
    total: rows.length,
  };
}
