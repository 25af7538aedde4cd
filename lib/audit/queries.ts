import { and, desc, eq, gte, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { auditLog, auditSearchText, type AuditEntry } from "@/lib/db/schema";
import { keysetPage } from "@/lib/db/keyset";
import { escapeLike } from "@/lib/db/like";

export type { AuditEntry };

/** The audit page's filter groups: an action's first segment ("seats.added" → "seats"). */
export const AUDIT_CATEGORIES = {
  signin: "Sign-ins",
  member: "People",
  invitation: "Invitations",
  ownership: "Ownership",
  seats: "Seats and billing",
  scim: "SCIM provisioning",
  sso: "Single sign-on",
  group: "Groups",
  organisation: "Organisation",
  webhook: "Webhooks",
} as const;
type AuditCategory = keyof typeof AUDIT_CATEGORIES;

/** Who acted, as the actor filter offers it. */
export const AUDIT_ACTOR_KINDS = {
  user: "People",
  scim: "Identity provider (SCIM)",
  operator: "Operator CLI",
  system: "Roster",
} as const;
type AuditActorKind = keyof typeof AUDIT_ACTOR_KINDS;

export interface AuditQuery {
  orgId: string;
  category?: AuditCategory;
  actorKind?: AuditActorKind;
  /** Part of a name or email: who it was about (deleted people too), the target, or who did it. */
  search?: string;
  /** Entries about exactly this person (their email, case-insensitive). */
  target?: string;
  /** Entries at or after this time. */
  since?: Date;
  /** Entries before this time. */
  until?: Date;
  before?: number;
  limit?: number;
}

/** The WHERE of a query: shared by the page, the CSV export and the operator CLI. */
function auditFilters(q: Omit<AuditQuery, "before" | "limit">): SQL[] {
  const filters: SQL[] = [eq(auditLog.orgId, q.orgId)];
  if (q.category) {
    // owner.created belongs with ownership.
    filters.push(
      q.category === "ownership"
        ? or(like(auditLog.action, "ownership.%"), like(auditLog.action, "owner.%"))!
        : like(auditLog.action, `${q.category}.%`),
    );
  }
  if (q.actorKind) filters.push(eq(auditLog.actorKind, q.actorKind));
  const term = q.search?.trim().toLowerCase();
  // The trigram index's own expression, so a substring search of a long trail uses it.
  if (term) filters.push(sql`${auditSearchText(auditLog)} like ${`%${escapeLike(term)}%`}`);
  if (q.target) filters.push(or(sql`lower(${auditLog.target}) = lower(${q.target})`, sql`lower(${auditLog.subjectEmail}) = lower(${q.target})`)!);
  if (q.since) filters.push(gte(auditLog.at, q.since));
  if (q.until) filters.push(lt(auditLog.at, q.until));
  return filters;
}

/** One page of the audit trail, newest first, keyset-paged on the id in the database. */
export async function listAuditLog(db: Executor, q: AuditQuery): Promise<{ rows: AuditEntry[]; nextBefore: number | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const filters = auditFilters(q);
  if (q.before) filters.push(lt(auditLog.id, q.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return keysetPage(rows, limit);
}

/**
 * Every entry a query matches, newest first, a batch at a time (keyset on the
 * id): the CSV export and the CLI stream a trail of any length without
 * holding it in memory.
 */
export async function* streamAuditLog(db: Executor, q: Omit<AuditQuery, "before" | "limit">, batch = 500): AsyncGenerator<AuditEntry> {
  let before: number | null = null;
  for (;;) {
    const filters = auditFilters(q);
    if (before !== null) filters.push(lt(auditLog.id, before));
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(...filters))
      .orderBy(desc(auditLog.id))
      .limit(batch);
    yield* rows;
    if (rows.length < batch) return;
    before = rows[rows.length - 1]!.id;
  }
}

/**
 * The filters as the page's URL (and the CSV link, which carries the same
 * query) spell them; anything unknown or malformed is ignored rather than
 * refused, as a filter form's leftovers should be.
 */
export function auditQueryFromParams(orgId: string, p: Record<string, string | undefined>): Omit<AuditQuery, "before" | "limit"> {
  const date = (v: string | undefined, endOfDay = false) => {
    if (!v) return undefined;
    // A bare day (the date input) means the whole day, in UTC like the page's times.
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(d.getTime())) return undefined;
    return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(d.getTime() + 86_400_000) : d;
  };
  return {
    orgId,
    category: p.category && p.category in AUDIT_CATEGORIES ? (p.category as AuditCategory) : undefined,
    actorKind: p.actor && p.actor in AUDIT_ACTOR_KINDS ? (p.actor as AuditActorKind) : undefined,
    search: p.q?.trim().slice(0, 200) || undefined,
    target: p.person?.trim().slice(0, 320) || undefined,
    since: date(p.from),
    until: date(p.to, true),
  };
}
