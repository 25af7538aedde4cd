import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor, Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { run, statement } from "@/lib/db/statement";
import { ATTRIBUTE_GROUP_SOURCES, organisations, type AttributeGroupSource, type Organisation } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { syncManagedEventTypes } from "@/lib/events/managed";
import { authorize } from "@/lib/policy";

/**
 * Groups from a user attribute (issue 17): an admin picks one attribute the
 * IdP sends (department, division, organization, costCenter, title) and Roster
 * keeps one group per value with the people who have it.
 *
 * Decisions, and why:
 * - An attribute group is Roster's, not the IdP's: `groups.from_attribute` marks it, it has a name
 *   space of its own (a partial unique index), and the SCIM Groups endpoint does not show it, so an
 *   IdP that pushes a group named "Sales" gets its own group beside the department "Sales".
 * - Applying adopts a Roster-made group with the same name as a value (its managed event types stay
 *   assigned; its members become the people with that value, as the preview shows). IdP-pushed
 *   groups are never adopted. That makes "turn off, then on again" give back the same groups.
 * - Empty attribute groups are kept: a reorganisation that empties "Sales" for a day must not lose
 *   the managed event types assigned to it. Turning the feature off leaves them as ordinary groups,
 *   which an admin can delete.
 * - Values compare case-insensitively and without surrounding spaces (group names are unique that
 *   way); a value longer than a group name may be is cut at 256 characters.
 */

const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const MAX_NAME = 256;

export const isAttributeGroupSource = (v: unknown): v is AttributeGroupSource =>
  typeof v === "string" && (ATTRIBUTE_GROUP_SOURCES as readonly string[]).includes(v);

/** How the UI and the badge name an attribute ("From department", "From cost center"). */
export const ATTRIBUTE_LABELS: Record<AttributeGroupSource, string> = {
  department: "department",
  division: "division",
  organization: "organization",
  costCenter: "cost center",
  title: "job title",
};

/** SQL and JS trim the same characters, so a value groups the same way in both. */
const trimmed = (s: string) => s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");

/** The value of the attribute in a member's stored SCIM attributes (lib/scim/users/mapper.ts keeps them canonical), or null. */
export function attributeValue(source: AttributeGroupSource, scimAttributes: Record<string, unknown>): string | null {
  const holder = source === "title" ? scimAttributes : scimAttributes[ENTERPRISE_USER];
  if (!holder || typeof holder !== "object" || Array.isArray(holder)) return null;
  const raw = (holder as Record<string, unknown>)[source];
  if (typeof raw !== "string") return null;
  const value = trimmed(raw).slice(0, MAX_NAME);
  return value === "" ? null : value;
}

/** The same, in SQL, for member row `m` (source is one of ATTRIBUTE_GROUP_SOURCES: checked before it is inlined). */
function valueSql(source: AttributeGroupSource): string {
  if (!isAttributeGroupSource(source)) throw new ValidationError("Unknown attribute.", "attribute");
  const json = source === "title" ? `m.scim_attributes->'title'` : `m.scim_attributes->'${ENTERPRISE_USER}'->'${source}'`;
  return `nullif(left(btrim(case when jsonb_typeof(${json}) = 'string' then ${json} #>> '{}' end, E' \\t\\n\\r'), ${MAX_NAME}), '')`;
}

/** Values of the organisation's members: one row per value (case-insensitive), with its most common spelling. */
const valuesCte = (source: AttributeGroupSource) => `v as (select m.id, ${valueSql(source)} as val from memberships m where m.org_id = $1),
  k as (select lower(val) as key, mode() within group (order by val) as name, count(*)::int as people from v where val is not null group by lower(val))`;

export interface AttributeGroupsPreview {
  attribute: AttributeGroupSource;
  /** Members with a value, and without one (they join no group). */
  people: number;
  withoutValue: number;
  groups: {
    name: string;
    people: number;
    /** A Roster-made group of this name that applying takes over: its members now, who joins, who leaves. */
    adopts?: { id: string; members: number; joining: number; leaving: number };
    /** An IdP-pushed group of this name exists: the attribute group is made beside it. */
    besideIdpGroup?: boolean;
  }[];
}

type PreviewRow = { name: string; people: number; groupId: string | null; managedByIdp: boolean | null; members: number; staying: number };

const previewStatement = (source: AttributeGroupSource) =>
  statement<PreviewRow>(`with ${valuesCte(source)}
  select k.name, k.people, g.id as "groupId", g.managed_by_idp as "managedByIdp",
    (select count(*)::int from group_members gm where gm.group_id = g.id) as members,
    (select count(*)::int from group_members gm join v on v.id = gm.membership_id where gm.group_id = g.id and lower(v.val) = k.key) as staying
  from k left join groups g on g.org_id = $1 and g.from_attribute is null and lower(g.display_name) = k.key
  order by k.people desc, k.name`);

const countStatement = statement<{ n: number }>(`select count(*)::int as n from memberships where org_id = $1`);

/** What applying would do; nothing is written. Admins only (the same rule as applying). */
export async function previewAttributeGroups(
  db: Executor,
  p: { orgId: string; attribute: string; actor: Actor; org?: Pick<Organisation, "id" | "name" | "scimEnabled"> },
): Promise<AttributeGroupsPreview> {
  const attribute = checkedAttribute(p.attribute);
  const org = p.org ?? (await db.select().from(organisations).where(eq(organisations.id, p.orgId)))[0];
  if (!org) throw new NotFoundError("Organisation not found");
  authorize(p.actor, "attribute_groups.set", { org });
  const [rows, [all]] = await Promise.all([run(db, previewStatement(attribute), [p.orgId]), run(db, countStatement, [p.orgId])]);
  return previewFrom(attribute, rows, all?.n ?? 0);
}

function previewFrom(attribute: AttributeGroupSource, rows: PreviewRow[], everyone: number): AttributeGroupsPreview {
  // A value may match both a Roster-made and an IdP group (their names are unique only within each kind): one line per value.
  const byName = new Map<string, AttributeGroupsPreview["groups"][number]>();
  for (const r of rows) {
    const line = byName.get(r.name) ?? { name: r.name, people: r.people };
    if (r.groupId && r.managedByIdp) line.besideIdpGroup = true;
    if (r.groupId && !r.managedByIdp) {
      line.adopts = { id: r.groupId, members: r.members, joining: r.people - r.staying, leaving: r.members - r.staying };
    }
    byName.set(r.name, line);
  }
  const groups = [...byName.values()];
  const people = groups.reduce((n, g) => n + g.people, 0);
  return { attribute, people, withoutValue: everyone - people, groups };
}

function checkedAttribute(attribute: string): AttributeGroupSource {
  if (!isAttributeGroupSource(attribute)) {
    throw new ValidationError(`Roster makes groups from ${ATTRIBUTE_GROUP_SOURCES.join(", ")}; "${attribute}" is not one of them.`, "attribute");
  }
  return attribute;
}

async function lockOrganisation(tx: Tx, orgId: string): Promise<Organisation> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, orgId)).for("update");
  if (!org) throw new NotFoundError("Organisation not found");
  return org;
}

/** Adopts same-named Roster-made groups, creates the missing ones, and sets everyone's membership: one statement each. */
const adoptStatement = (source: AttributeGroupSource) =>
  statement<{ id: string }>(`with ${valuesCte(source)}
  update groups g set from_attribute = $2, version = g.version + 1, updated_at = now()
  from k where g.org_id = $1 and g.from_attribute is null and not g.managed_by_idp and lower(g.display_name) = k.key
  returning g.id`);
const createStatement = (source: AttributeGroupSource) =>
  statement<{ id: string }>(`with ${valuesCte(source)}
  insert into groups (org_id, display_name, from_attribute)
  select $1, k.name, $2 from k
  on conflict (org_id, lower(display_name)) where from_attribute is not null do nothing
  returning id`);
/** Removes members whose value is not their group's; returns who left. */
const pruneStatement = (source: AttributeGroupSource) =>
  statement<{ id: string }>(`delete from group_members gm using groups g, memberships m
  where g.id = gm.group_id and g.org_id = $1 and g.from_attribute = $2 and m.id = gm.membership_id
    and (${valueSql(source)} is null or lower(${valueSql(source)}) <> lower(g.display_name))
  returning gm.membership_id as id`);
const fillStatement = (source: AttributeGroupSource) =>
  statement<{ id: string }>(`with ${valuesCte(source)}
  insert into group_members (org_id, group_id, membership_id)
  select $1, g.id, v.id from v join groups g on g.org_id = $1 and g.from_attribute = $2 and lower(g.display_name) = lower(v.val)
  where v.val is not null
  on conflict do nothing
  returning membership_id as id`);

/**
 * Turns groups from `attribute` on: one transaction with the organisation row locked, so two admins
 * cannot apply two attributes at once. An organisation that already uses another attribute must
 * turn it off first (the UI says changing the attribute is off, then on).
 */
export async function applyAttributeGroups(db: Executor, p: { orgId: string; attribute: string; actor: Actor }): Promise<AttributeGroupsPreview> {
  const attribute = checkedAttribute(p.attribute);
  return db.transaction(async (tx) => {
    const org = await lockOrganisation(tx, p.orgId);
    authorize(p.actor, "attribute_groups.set", { org });
    if (org.attributeGroups && org.attributeGroups !== attribute) {
      throw new ConflictError(
        `Groups already follow the ${ATTRIBUTE_LABELS[org.attributeGroups]}. Turn that off first, then choose another attribute.`,
        "attribute",
      );
    }
    const [rows, [all]] = await Promise.all([run(tx, previewStatement(attribute), [p.orgId]), run(tx, countStatement, [p.orgId])]);
    const preview = previewFrom(attribute, rows, all?.n ?? 0);
    await tx.update(organisations).set({ attributeGroups: attribute, updatedAt: new Date() }).where(eq(organisations.id, p.orgId));
    await run(tx, adoptStatement(attribute), [p.orgId, attribute]);
    await run(tx, createStatement(attribute), [p.orgId, attribute]);
    const left = await run(tx, pruneStatement(attribute), [p.orgId, attribute]);
    const joined = await run(tx, fillStatement(attribute), [p.orgId, attribute]);
    const touched = [...new Set([...left, ...joined].map((r) => r.id))];
    // Managed event types given to these groups follow their new members.
    await syncManagedEventTypes(tx, { orgId: p.orgId, membershipIds: touched });
    await recordAudit(tx, {
      orgId: p.orgId,
      actor: p.actor,
      action: "attribute_groups.enabled",
      target: attribute,
      details: { people: preview.people, groups: preview.groups.length },
    });
    return preview;
  });
}

/** Renames an attribute group whose name an ordinary group holds, so that both can be ordinary. */
const renameClashesStatement = statement<{ id: string }>(`update groups g set display_name = left(g.display_name, 200) || ' (from ' || $3 || ')'
  where g.org_id = $1 and g.from_attribute = $2
    and exists (select 1 from groups o where o.org_id = $1 and o.from_attribute is null and lower(o.display_name) = lower(g.display_name))
  returning g.id`);
const releaseStatement = statement<{ id: string }>(`update groups set from_attribute = null, version = version + 1, updated_at = now()
  where org_id = $1 and from_attribute = $2 returning id`);

/**
 * Turns groups from an attribute off: the groups stay, with their members and managed event
 * types, as ordinary Roster-made groups (editable, and visible to the IdP over SCIM). One whose
 * name an IdP or Roster group already holds is renamed "Sales (from department)".
 */
export async function turnOffAttributeGroups(db: Executor, p: { orgId: string; actor: Actor }): Promise<{ released: number; renamed: number }> {
  return db.transaction(async (tx) => {
    const org = await lockOrganisation(tx, p.orgId);
    authorize(p.actor, "attribute_groups.set", { org });
    const source = org.attributeGroups;
    if (!source) return { released: 0, renamed: 0 };
    await tx.update(organisations).set({ attributeGroups: null, updatedAt: new Date() }).where(eq(organisations.id, p.orgId));
    const renamed = await run(tx, renameClashesStatement, [p.orgId, source, ATTRIBUTE_LABELS[source]]);
    let released: { id: string }[];
    try {
      released = await run(tx, releaseStatement, [p.orgId, source]);
    } catch (e) {
      if (isUniqueViolation(e, "groups_org_display_name_key")) {
        throw new ConflictError("A group's name is taken twice over: rename the ordinary group that shares a name with an attribute group, then turn off again.");
      }
      throw e;
    }
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "attribute_groups.disabled", target: source, details: { groups: released.length } });
    return { released: released.length, renamed: renamed.length };
  });
}

/** A summary for the Groups page: the attribute in use and how many groups and people follow it. */
export async function attributeGroupsStatus(db: Executor, orgId: string): Promise<{ attribute: AttributeGroupSource | null; groups: number; people: number }> {
  const [row] = await run(db, statusStatement, [orgId]);
  return { attribute: row?.attribute ?? null, groups: row?.groups ?? 0, people: row?.people ?? 0 };
}
const statusStatement = statement<{ attribute: AttributeGroupSource | null; groups: number; people: number }>(`select o.attribute_groups as attribute,
  (select count(*)::int from groups g where g.org_id = o.id and g.from_attribute = o.attribute_groups) as groups,
  (select count(distinct gm.membership_id)::int from group_members gm join groups g on g.id = gm.group_id where g.org_id = o.id and g.from_attribute = o.attribute_groups) as people
  from organisations o where o.id = $1`);

/**
 * The SCIM hot path's part (a member created or changed, in the transaction of that change): the
 * member leaves the attribute groups whose value they no longer have and joins the one they have,
 * created if new. The caller calls it only when the value changed, so an organisation without
 * attribute groups pays nothing. Every statement re-checks the organisation's setting, so a
 * request that authenticated just before an admin turned the feature off changes nothing.
 */
export async function followAttribute(
  tx: Tx,
  p: { orgId: string; source: AttributeGroupSource; membershipId: string; value: string | null },
): Promise<void> {
  const args = [p.orgId, p.source, p.membershipId, p.value];
  await run(tx, leaveStatement, args);
  if (p.value !== null) {
    await run(tx, ensureGroupStatement, args);
    await run(tx, joinStatement, args);
  }
  await syncManagedEventTypes(tx, { orgId: p.orgId, membershipIds: [p.membershipId] });
}
const stillOn = `exists (select 1 from organisations o where o.id = $1 and o.attribute_groups = $2)`;
const leaveStatement = statement<never>(`delete from group_members gm using groups g
  where g.id = gm.group_id and gm.membership_id = $3 and g.org_id = $1 and g.from_attribute = $2
    and ($4::text is null or lower(g.display_name) <> lower($4::text)) and ${stillOn}`);
const ensureGroupStatement = statement<never>(`insert into groups (org_id, display_name, from_attribute)
  select $1, $4::text, $2 where ${stillOn} and $3::uuid is not null
  on conflict (org_id, lower(display_name)) where from_attribute is not null do nothing`);
const joinStatement = statement<never>(`insert into group_members (org_id, group_id, membership_id)
  select $1, g.id, $3 from groups g where g.org_id = $1 and g.from_attribute = $2 and lower(g.display_name) = lower($4::text) and ${stillOn}
  on conflict do nothing`);

/** Whether a change from `before` to `after` attributes moves the member between attribute groups. */
export function attributeChanged(source: AttributeGroupSource, before: Record<string, unknown> | null, after: Record<string, unknown>): boolean {
  const a = before ? attributeValue(source, before) : null;
  const b = attributeValue(source, after);
  return (a === null ? null : a.toLowerCase()) !== (b === null ? null : b.toLowerCase());
}
