import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import type { Executor } from "@/lib/db";
import { groupMembers, groups, memberships, users, type Group } from "@/lib/db/schema";
import { personSortKey } from "@/lib/db/schema/search-keys";
import { NotFoundError, ScimManagedError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { assertOrgAdmin } from "./authorize";
import { changeGroup, createGroup, deleteGroup } from "./groups";
import { findMemberByEmail } from "./member-lookup";
import { getOrganisation } from "./organisations";

/**
 * The Groups page's side of groups: who may change which group, and the
 * reads the page needs. The writes themselves are lib/orgs/groups.ts, shared
 * with SCIM. The rule (PRODUCT.md, issue 5): while SCIM is on, a group the IdP
 * manages is read-only here; groups made in Roster stay editable (they exist
 * for Roster's own purposes, e.g. managed event types).
 */
export function assertGroupEditable(org: { scimEnabled: boolean; name: string }, group: Pick<Group, "managedByIdp" | "displayName">, actor: Actor) {
  if (actor.kind === "user" && org.scimEnabled && group.managedByIdp) {
    throw new ScimManagedError(
      `"${group.displayName}" is managed by your identity provider while SCIM provisioning is on for ${org.name}. Change it in your IdP.`,
    );
  }
}

export async function adminCreateGroup(db: Executor, p: { orgId: string; displayName: string; actor: Actor }) {
  return db.transaction(async (tx) => {
    await assertOrgAdmin(tx, p.orgId, p.actor);
    return createGroup(tx, p);
  });
}

/** Renames a group and/or adds and removes members, as one change, if the group is editable here. */
export async function adminChangeGroup(
  db: Executor,
  p: { orgId: string; groupId: string; actor: Actor; rename?: string; addEmail?: string; removeMembershipId?: string },
) {
  return db.transaction(async (tx) => {
    await assertOrgAdmin(tx, p.orgId, p.actor);
    const org = await getOrganisation(tx, p.orgId);
    return changeGroup(tx, { orgId: p.orgId, groupId: p.groupId, actor: p.actor }, async (c) => {
      assertGroupEditable(org, c.group, p.actor);
      if (p.rename !== undefined) await c.rename(p.rename);
      if (p.addEmail !== undefined) {
        const member = await findMemberByEmail(tx, p.orgId, p.addEmail);
        if (!member) throw new NotFoundError(`Nobody in ${org.name} has the email ${p.addEmail.trim()}.`);
        await c.addMembers([{ membershipId: member.id }]);
      }
      if (p.removeMembershipId !== undefined) await c.removeMembers([p.removeMembershipId]);
    });
  });
}

export async function adminDeleteGroup(db: Executor, p: { orgId: string; groupId: string; actor: Actor }) {
  await db.transaction(async (tx) => {
    await assertOrgAdmin(tx, p.orgId, p.actor);
    const org = await getOrganisation(tx, p.orgId);
    const group = await findGroup(tx, p.orgId, p.groupId, { lock: true });
    if (!group) throw new NotFoundError("Group not found");
    assertGroupEditable(org, group, p.actor);
    await deleteGroup(tx, p);
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
      .select({
        id: memberships.id,
        email: users.email,
        givenName: users.givenName,
        familyName: users.familyName,
        displayName: memberships.displayName,
        state: memberships.state,
        label: groupMembers.display,
      })
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
