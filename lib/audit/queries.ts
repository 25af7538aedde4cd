import { and, desc, eq, ilike, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { auditLog, type AuditEntry } from "@/lib/db/schema";
import { keysetPage } from "@/lib/db/keyset";
import { escapeLike } from "@/lib/db/like";

/** The audit page's filter groups: an action's first segment ("seats.added" → "seats"). */
export const AUDIT_CATEGORIES = {
  member: "People",
  invitation: "Invitations",
  ownership: "Ownership",
  seats: "Seats and billing",
  scim: "SCIM provisioning",
  sso: "Single sign-on",
  group: "Groups",
  organisation: "Organisation",
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

export interface AuditQuery {
  orgId: string;
  category?: AuditCategory;
  /** Part of the actor's label or of the target. */
  search?: string;
  /** Entries about exactly this target (a member's email). */
  target?: string;
  before?: number;
  limit?: number;
}


/** One page of the admin audit trail, newest first, keyset-paged on the id. */
export async function listAuditLog(db: Executor, q: AuditQuery): Promise<{ rows: AuditEntry[]; nextBefore: number | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const filters: SQL[] = [eq(auditLog.orgId, q.orgId)];
  if (q.category) {
    // owner.created belongs with ownership.
    filters.push(
      q.category === "ownership"
        ? or(like(auditLog.action, "ownership.%"), like(auditLog.action, "owner.%"))!
        : like(auditLog.action, `${q.category}.%`),
    );
  }
  const term = q.search?.trim();
  if (term) {
    const pattern = `%${escapeLike(term)}%`;
    filters.push(or(ilike(auditLog.actorLabel, pattern), ilike(auditLog.target, pattern))!);
  }
  if (q.target) filters.push(sql`lower(${auditLog.target}) = lower(${q.target})`);
  if (q.before) filters.push(lt(auditLog.id, q.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return keysetPage(rows, limit);
}

const LABELS: Record<string, string> = {
  "organisation.created": "Organisation created",
  "owner.created": "Owner set",
  "ownership.transferred": "Ownership transferred",
  "member.invited": "Invited a member",
  "member.removed": "Removed a member",
  "member.deactivated": "Deactivated a member",
  "member.reactivated": "Reactivated a member",
  "member.role_changed": "Changed a role",
  "member.updated": "Updated a member",
  "invitation.resent": "Resent an invitation",
  "invitation.revoked": "Revoked an invitation",
  "seats.added": "Added seats",
  "seats.removed": "Removed seats",
  "scim.enabled": "Turned SCIM on",
  "scim.disabled": "Turned SCIM off",
  "scim.token_created": "Created a SCIM token",
  "scim.token_revoked": "Revoked a SCIM token",
  "group.created": "Created a group",
  "group.updated": "Updated a group",
  "group.deleted": "Deleted a group",
};

/** What people read for an action; unknown actions (a newer feature) show as recorded. */
export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action;
}
