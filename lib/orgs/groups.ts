import { and, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import { auditParams } from "@/lib/audit/statement";
import type { Executor, Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { namedStatement, run } from "@/lib/db/statement";
import { groupMembers, groups, memberships, type Group } from "@/lib/db/schema";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "@/lib/errors";
import { membersOfGroups, syncManagedEventTypes } from "@/lib/events/managed";
import { authorize, type OrgFacts } from "@/lib/policy";
import { isUuid } from "@/lib/validation";
import { emitEvent, withEvents } from "@/lib/webhooks/emit";
import { getOrganisation } from "./organisations";

/**
 * Groups (departments) and their members, for SCIM and the admin Groups page
 * alike. Members are memberships of the same organisation: the composite
 * foreign keys of group_members prove it in the database, and unknown ids are
 * refused here with a message that names them. Who may change which group
 * (while SCIM is on, the IdP's groups are read-only for people) is the
 * policy's "group.*" (lib/policy.ts). Each function takes the organisation as
 * the caller knows it (SCIM: from authentication) or reads it.
 */
export interface MemberRef {
  membershipId: string;
  /** A label the IdP sent with the member (Okta: the userName), shown when present. */
  display?: string | null;
}

const MAX_GROUP_NAME_LENGTH = 256;

function checkName(displayName: string): string {
  const name = displayName.trim();
  if (!name) throw new ValidationError("A group needs a displayName.", "displayName");
  if (name.length > MAX_GROUP_NAME_LENGTH) {
    throw new ValidationError(`A group's displayName is at most ${MAX_GROUP_NAME_LENGTH} characters.`, "displayName");
  }
  return name;
}

const nameTaken = (name: string) => new ConflictError(`A group named "${name}" already exists in this organisation.`, "displayName");

/** The writes a group change may combine; all run in one transaction on a locked group (see changeGroup). */
export class GroupChanges {
  /** Members added or removed: their managed event types are reconciled once, when the change commits. */
  readonly touched = new Set<string>();
  /**
   * Removals wait here and go as one DELETE (flush), before any other change and at the end:
   * Okta removes members as one operation each (`members[value eq "…"]`), five or fifty per PATCH.
   */
  private readonly removals = new Set<string>();
  /** Whether the name or externalId was set (group.updated for webhooks; membership changes are group.members_changed). */
  attributesSet = false;

  constructor(
    readonly tx: Tx,
    readonly group: Group,
    readonly org: OrgFacts,
  ) {}

  async rename(displayName: string): Promise<void> {
    await this.flush();
    this.attributesSet = true;
    const name = checkName(displayName);
    try {
      await this.tx.update(groups).set({ displayName: name }).where(eq(groups.id, this.group.id));
    } catch (e) {
      if (isUniqueViolation(e, "groups_org_display_name_key")) throw nameTaken(name);
      throw e;
    }
  }

  async setExternalId(externalId: string | null): Promise<void> {
    await this.flush();
    this.attributesSet = true;
    await this.tx.update(groups).set({ externalId }).where(eq(groups.id, this.group.id));
  }

  /** Adds members; re-adding one is fine (its label is refreshed). Unknown ids: ValidationError naming them. */
  async addMembers(refs: MemberRef[]): Promise<void> {
    await this.flush();
    const unique = [...new Map(refs.map((r) => [r.membershipId.toLowerCase(), r])).values()];
    if (unique.length === 0) return;
    const bad = unique.filter((r) => !isUuid(r.membershipId)).map((r) => r.membershipId);
    const ids = unique.filter((r) => isUuid(r.membershipId)).map((r) => r.membershipId.toLowerCase());
    const found = ids.length
      ? await this.tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.orgId, this.group.orgId), inArray(memberships.id, ids)))
      : [];
    const known = new Set(found.map((f) => f.id));
    const unknown = [...bad, ...ids.filter((id) => !known.has(id))];
    if (unknown.length) {
      const shown = unknown.slice(0, 5).map((id) => `"${id}"`).join(", ");
      throw new ValidationError(
        `No user of this organisation has the id ${shown}${unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : ""}: members must be users provisioned here.`,
        "members",
      );
    }
    await this.tx
      .insert(groupMembers)
      .values(unique.map((r) => ({ orgId: this.group.orgId, groupId: this.group.id, membershipId: r.membershipId.toLowerCase(), display: r.display ?? null })))
      .onConflictDoUpdate({
        target: [groupMembers.groupId, groupMembers.membershipId],
        set: { display: sql`coalesce(excluded.display, ${groupMembers.display})` },
      });
    for (const id of ids) this.touched.add(id);
  }

  /** Removes the given members; ids that are not members are ignored (removal is idempotent). */
  async removeMembers(membershipIds: string[]): Promise<void> {
    for (const id of membershipIds) if (isUuid(id)) this.removals.add(id.toLowerCase());
  }

  /** Applies the removals waiting (changeGroup calls it at the end; the other changes before they run). */
  async flush(): Promise<void> {
    if (this.removals.size === 0) return;
    const ids = [...this.removals];
    this.removals.clear();
    await this.tx.delete(groupMembers).where(and(eq(groupMembers.groupId, this.group.id), inArray(groupMembers.membershipId, ids)));
    for (const id of ids) this.touched.add(id);
  }

  async removeAllMembers(): Promise<void> {
    this.removals.clear(); // everyone goes anyway
    const gone = await this.tx
      .delete(groupMembers)
      .where(eq(groupMembers.groupId, this.group.id))
      .returning({ id: groupMembers.membershipId });
    for (const g of gone) this.touched.add(g.id);
  }

  async replaceMembers(refs: MemberRef[]): Promise<void> {
    await this.removeAllMembers();
    await this.addMembers(refs);
  }
}

/** Locks a group of the organisation; other organisations' ids are not found. */
async function lockGroup(tx: Tx, orgId: string, groupId: string): Promise<Group> {
  if (!isUuid(groupId)) throw new NotFoundError("Group not found");
  const [group] = await tx.select().from(groups).where(and(eq(groups.orgId, orgId), eq(groups.id, groupId))).for("update");
  if (!group) throw new NotFoundError("Group not found");
  return group;
}

/** The IdP's empty group and its audit entry, one statement (Okta and Entra create groups empty, then add members). */
const CREATE_EMPTY = namedStatement<Group, Record<string, unknown>>(`with g as (
  insert into groups (org_id, display_name, external_id, managed_by_idp) values ($orgId, $displayName, $externalId, true)
  returning *
),
audit as (
  insert into audit_log (org_id, actor_user_id, actor_label, actor_kind, action, target)
  select g.org_id, $auditActorUserId::uuid, $auditActorLabel::text, $auditActorKind::text, 'group.created', g.display_name from g
)
select id, org_id as "orgId", display_name as "displayName", external_id as "externalId", managed_by_idp as "managedByIdp", version,
  created_at as "createdAt", updated_at as "updatedAt" from g`);

export async function createGroup(
  db: Executor,
  p: { orgId: string; displayName: string; externalId?: string | null; members?: MemberRef[]; actor: Actor; org?: OrgFacts },
): Promise<Group> {
  if (p.org) authorize(p.actor, "group.create", { org: p.org });
  const name = checkName(p.displayName);
  const insert = async (ex: Executor) => {
    try {
      const [group] = await ex
        .insert(groups)
        .values({ orgId: p.orgId, displayName: name, externalId: p.externalId ?? null, managedByIdp: p.actor.kind === "scim" })
        .returning();
      return group!;
    } catch (e) {
      if (isUniqueViolation(e, "groups_org_display_name_key")) throw nameTaken(name);
      throw e;
    }
  };
  // The IdP creating an empty group (as Okta and Entra do): one statement with its audit entry, no transaction
  // (one only when a webhook endpoint wants group.created).
  if (p.org && p.actor.kind === "scim" && !p.members?.length) {
    try {
      const params = { orgId: p.orgId, displayName: name, externalId: p.externalId ?? null, ...auditParams({ actor: p.actor, actions: [], subject: {} }) };
      return await withEvents(
        db,
        p.orgId,
        ["group.created"],
        async (ex) => {
          const [row] = await run(ex, CREATE_EMPTY, params);
          return { ...row!, createdAt: new Date(row!.createdAt), updatedAt: new Date(row!.updatedAt) };
        },
        (g) => ({ resource: "Group", id: g.id }),
      );
    } catch (e) {
      if (isUniqueViolation(e, "groups_org_display_name_key")) throw nameTaken(name);
      throw e;
    }
  }
  return db.transaction(async (tx) => {
    const org = p.org ?? (await getOrganisation(tx, p.orgId));
    if (!p.org) authorize(p.actor, "group.create", { org });
    const group = await insert(tx);
    await new GroupChanges(tx, group, org).addMembers(p.members ?? []);
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "group.created", target: name });
    await emitEvent(tx, p.orgId, "group.created", { resource: "Group", id: group.id });
    return group;
  });
}

/**
 * The group a change or delete is about, locked, once the policy allows it:
 * asked first with the organisation (someone who may not act learns nothing
 * about its groups), then with the group (the IdP's groups are read-only to
 * people while SCIM is on); If-Match (`expectedVersion`) checked last.
 */
async function lockGroupFor(
  tx: Tx,
  action: "group.change" | "group.delete",
  p: { orgId: string; groupId: string; actor: Actor; expectedVersion?: number; org?: OrgFacts },
): Promise<{ org: OrgFacts; group: Group }> {
  const org = p.org ?? (await getOrganisation(tx, p.orgId));
  authorize(p.actor, action, { org });
  const group = await lockGroup(tx, p.orgId, p.groupId);
  // An attribute group is Roster's: over SCIM it does not exist (the Groups endpoint never shows it, docs/scim.md).
  if (p.actor.kind === "scim" && group.fromAttribute) throw new NotFoundError("Group not found");
  authorize(p.actor, action, { org, group });
  if (p.expectedVersion !== undefined && p.expectedVersion !== group.version) {
    throw new PreconditionFailedError(
      `The group changed since you read it (version ${group.version}, not ${p.expectedVersion}). Read it again, then retry.`,
    );
  }
  return { org, group };
}

/**
 * Runs several changes to one group as one transaction: the group is locked,
 * its version checked against `expectedVersion` (If-Match), and bumped once.
 */
export async function changeGroup(
  db: Executor,
  p: { orgId: string; groupId: string; actor: Actor; expectedVersion?: number; org?: OrgFacts },
  apply: (changes: GroupChanges) => Promise<void>,
): Promise<Group> {
  return db.transaction(async (tx) => {
    const { org, group } = await lockGroupFor(tx, "group.change", p);
    const changes = new GroupChanges(tx, group, org);
    await apply(changes);
    await changes.flush();
    // Managed event types assigned to this group follow its members (lib/events/managed.ts).
    await syncManagedEventTypes(tx, { orgId: p.orgId, membershipIds: [...changes.touched] });
    // The IdP's first write to a group made in Roster makes it the IdP's: remember when, so the page can say so.
    const adopted = !group.managedByIdp && p.actor.kind === "scim";
    const now = new Date();
    const [updated] = await tx
      .update(groups)
      .set({
        version: sql`${groups.version} + 1`,
        updatedAt: now,
        managedByIdp: group.managedByIdp || p.actor.kind === "scim",
        ...(adopted ? { adoptedByIdpAt: now } : {}),
      })
      .where(eq(groups.id, group.id))
      .returning();
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "group.updated", target: updated!.displayName });
    if (changes.attributesSet) await emitEvent(tx, p.orgId, "group.updated", { resource: "Group", id: group.id });
    if (changes.touched.size > 0) await emitEvent(tx, p.orgId, "group.members_changed", { resource: "Group", id: group.id });
    if (adopted) await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "group.adopted_by_idp", target: updated!.displayName });
    return updated!;
  });
}

export async function deleteGroup(
  db: Executor,
  p: { orgId: string; groupId: string; actor: Actor; expectedVersion?: number; org?: OrgFacts },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { group } = await lockGroupFor(tx, "group.delete", p);
    const members = await membersOfGroups(tx, [group.id]);
    await tx.delete(groups).where(eq(groups.id, group.id));
    // The cascade took the group's assignments: its members lose what only this group gave them.
    await syncManagedEventTypes(tx, { orgId: p.orgId, membershipIds: members });
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "group.deleted", target: group.displayName });
    const snapshot = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: group.id, displayName: group.displayName, meta: { resourceType: "Group" } };
    await emitEvent(tx, p.orgId, "group.deleted", { resource: "Group", id: group.id, snapshot });
  });
}
