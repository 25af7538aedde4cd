import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import type { Executor } from "@/lib/db";
import { groupMembers, groups, memberships, users } from "@/lib/db/schema";
import { personSortKey } from "@/lib/db/schema/search-keys";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { changeGroup } from "./groups";
import { personColumns } from "./member-list";
import { findMemberByEmail } from "./member-lookup";

/**
 * The Groups page's side of groups: a change made in the console, and the
 * reads the page needs. The writes and who may make them are
 * lib/orgs/groups.ts (shared with SCIM) and lib/policy.ts.
 */

/** Renames a group and/or adds (by email) and removes members, as one change. */
export async function changeGroupInConsole(
  db: Executor,
  p: { orgId: string; groupId: string; actor: Actor; rename?: string; addEmail?: string; removeMembershipId?: string },
) {
  return changeGroup(db, { orgId: p.orgId, groupId: p.groupId, actor: p.actor }, async (c) => {
    if (p.rename !== undefined) await c.rename(p.rename);
    if (p.addEmail !== undefined) {
      const member = await findMemberByEmail(c.tx, p.orgId, p.addEmail);
      if (!member) throw new NotFoundError(`Nobody in ${c.org.name} has the email ${p.addEmail.trim()}.`);
      await c.addMembers([{ membershipId: member.id }]);
    }
    if (p.removeMembershipId !== undefined) await c.removeMembers([p.removeMembershipId]);
  });
}

export async function findGroup(db: Executor, orgId: string, groupId: string, opts: { lock?: boolean } = {}) {
  if (!isUuid(groupId)) return undefined;
  const q = db.select().from(groups).where(and(eq(groups.orgId, orgId), eq(groups.id, groupId)));
  const [group] = opts.lock ? await q.for("update") : await q;
  return group;
}

/** Groups with their member counts, by name. */
export async function listGroupsWithCounts(db: Executor, orgId: string) {
  return db
    .select({
      id: groups.id,
      name: groups.displayName,
      managedByIdp: groups.managedByIdp,
      fromAttribute: groups.fromAttribute,
      adoptedByIdpAt: groups.adoptedByIdpAt,
      createdAt: groups.createdAt,
      members: sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`,
    })
    .from(groups)
    .where(eq(groups.orgId, orgId))
    .orderBy(asc(sql`lower(${groups.displayName})`));
}

/** Every group's id and name, by name: the choices of the Users page's group filter (no counts: that page is timed at 100,000 members). */
export async function listGroupOptions(db: Executor, orgId: string) {
  return db.select({ id: groups.id, name: groups.displayName }).from(groups).where(eq(groups.orgId, orgId)).orderBy(asc(groups.displayName));
}

/** One page of a group's members, by name, with the total. */
export async function listGroupMembers(db: Executor, p: { orgId: string; groupId: string; page: number; pageSize: number }) {
  const where = and(eq(groupMembers.orgId, p.orgId), eq(groupMembers.groupId, p.groupId));
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...personColumns, label: groupMembers.display })
      .from(groupMembers)
      .innerJoin(memberships, eq(memberships.id, groupMembers.membershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(personSortKey(users)), asc(users.id))
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    db.select({ n: count() }).from(groupMembers).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
