import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { memberships, users } from "@/lib/db/schema";
import { personSortKey } from "@/lib/db/schema/search-keys";
import { isUuid } from "@/lib/validation";
import { groupsOf, personColumns, rowColumns, type MemberRow } from "./member-list";

/** Single members and small lists the admin pages need besides the Users list. */
export async function countInvited(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.state, "invited")));
  return row?.n ?? 0;
}

/** A member of the organisation by their login email (case-insensitive), or undefined. */
export async function findMemberByEmail(db: Executor, orgId: string, email: string) {
  const [row] = await db
    .select({ id: memberships.id, role: memberships.role, state: memberships.state, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), sql`lower(${users.email}) = lower(${email.trim()})`));
  return row;
}

/** Owners and admins, owner first, for the Admin Management page. */
export async function listAdmins(db: Executor, orgId: string) {
  return db
    .select({
      ...personColumns,
      role: memberships.role,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["owner", "admin"])))
    .orderBy(asc(memberships.role), asc(personSortKey(users)));
}

/** Which of these membership ids are still members of the organisation (the provisioning log links only to those). */
export async function existingMemberIds(db: Executor, orgId: string, ids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.id, wanted)));
  return new Set(rows.map((r) => r.id));
}

/** One member of the organisation with their groups, for the member's page; undefined for anyone else's id. */
export async function getMember(db: Executor, orgId: string, membershipId: string): Promise<(MemberRow & { externalId: string | null }) | undefined> {
  if (!isUuid(membershipId)) return undefined;
  const [row] = await db
    .select({ ...rowColumns, externalId: memberships.externalId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.id, membershipId)));
  if (!row) return undefined;
  const groupsByMember = await groupsOf(db, orgId, [row.id]);
  return { ...row, groups: groupsByMember.get(row.id) ?? [] };
}
