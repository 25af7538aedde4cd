import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/actor";
import { auditLog, eventTypes, groupMembers, groups, organisations, type Organisation } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createManagedEventType } from "@/lib/events/managed-events";
import {
  applyAttributeGroups,
  attributeGroupsStatus,
  previewAttributeGroups,
  turnOffAttributeGroups,
} from "@/lib/orgs/attribute-groups";
import { changeGroup, createGroup, deleteGroup } from "@/lib/orgs/groups";
import { getOrganisation } from "@/lib/orgs/organisations";
import type { ScimContext } from "@/lib/scim/http/handler";
import { findGroups, getGroupRow } from "@/lib/scim/groups/repository";
import { parseListQuery } from "@/lib/scim/list";
import { URN } from "@/lib/scim/schemas/urns";
import { createUser, patchUser, replaceUser } from "@/lib/scim/users/service";
import { actorFor, ownerOf } from "../helpers/admin-fixtures";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

/**
 * Groups from a user attribute (issue 17): preview and apply counts, SCIM user changes moving people
 * between groups (POST, PUT, PATCH with Entra-style enterprise paths), turning off, the SCIM view.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

type Org = Organisation & { admin: Actor };

async function scimOrg(): Promise<Org> {
  const org = await makeOrg(t.db, { seats: 50, scimEnabled: true });
  return { ...org, admin: await actorFor(t.db, (await ownerOf(t.db, org.id)).membershipId) };
}
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

const adminOf = (org: Org): Actor => org.admin;

/** A SCIM request context as lib/scim/http/handler.ts builds it, with the organisation as authentication read it. */
async function ctx(orgId: string, p: { method: string; body?: unknown; id?: string; prefer?: string }): Promise<ScimContext> {
  const org = await getOrganisation(t.db, orgId);
  const url = new URL(`http://roster.test/api/scim/v2/Users${p.id ? `/${p.id}` : ""}`);
  return {
    db: t.db,
    req: new Request(url, { method: p.method, headers: p.prefer ? { prefer: p.prefer } : {} }),
    url,
    orgId,
    orgName: org.name,
    org: { id: org.id, name: org.name, scimEnabled: org.scimEnabled, defaultEventTitle: org.defaultEventTitle, defaultEventMinutes: org.defaultEventMinutes, attributeGroups: org.attributeGroups, deprovisionGuard: true },
    actor: scimActor,
    baseUrl: "http://roster.test/api/scim/v2",
    params: p.id ? { id: p.id } : {},
    body: async () => p.body,
    notes: {},
    requestId: uniq(),
  };
}

const user = (email: string, enterprise: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  schemas: [URN.user, URN.enterprise],
  userName: email,
  emails: [{ value: email, type: "work", primary: true }],
  [URN.enterprise]: enterprise,
  ...extra,
});

async function provision(orgId: string, email: string, enterprise: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await createUser(await ctx(orgId, { method: "POST", body: user(email, enterprise, extra) }));
  return (reply.body as { id: string }).id;
}

async function patch(orgId: string, id: string, operations: unknown[]) {
  return patchUser(await ctx(orgId, { method: "PATCH", id, body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: operations } }));
}

/** Attribute groups of the organisation: name → member ids (sorted). */
async function attributeGroups(orgId: string): Promise<Record<string, string[]>> {
  const rows = await t.db
    .select({ name: groups.displayName, member: groupMembers.membershipId })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .where(and(eq(groups.orgId, orgId), sql`${groups.fromAttribute} is not null`));
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.name] ??= []).push(...(r.member ? [r.member] : []));
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

const sorted = (...ids: string[]) => [...ids].sort();

describe(`groups from a user attribute (${testDriver()})`, () => {
  it("preview counts people per value, case-insensitively, and says which existing groups change; apply does exactly that", async () => {
    const org = await scimOrg();
    const admin = adminOf(org);
    const [a, b, c, d] = await Promise.all([
      provision(org.id, `a-${uniq()}@example.com`, { department: "Sales" }),
      provision(org.id, `b-${uniq()}@example.com`, { department: "  sales " }),
      provision(org.id, `c-${uniq()}@example.com`, { department: "Support" }),
      provision(org.id, `d-${uniq()}@example.com`, { division: "EMEA" }),
    ]);
    // A Roster-made "Support" with someone who is not in Support (adopted: c joins, d leaves); an IdP "Sales" (left alone).
    const made = await createGroup(t.db, { orgId: org.id, displayName: "support", members: [{ membershipId: d }], actor: admin });
    const pushed = await createGroup(t.db, { orgId: org.id, displayName: "Sales", members: [{ membershipId: c }], actor: scimActor });

    const preview = await previewAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    expect(preview).toMatchObject({ attribute: "department", people: 3, withoutValue: 2 /* d and the owner */ });
    expect(preview.groups).toEqual([
      { name: "Sales", people: 2, besideIdpGroup: true },
      { name: "Support", people: 1, adopts: { id: made.id, members: 1, joining: 1, leaving: 1 } },
    ]);
    // Nothing written by a preview.
    expect(await attributeGroups(org.id)).toEqual({});
    expect((await getOrganisation(t.db, org.id)).attributeGroups).toBeNull();

    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    expect(await attributeGroups(org.id)).toEqual({ Sales: sorted(a, b), support: [c] });
    const [adopted] = await t.db.select().from(groups).where(eq(groups.id, made.id));
    expect(adopted).toMatchObject({ fromAttribute: "department", displayName: "support" });
    // The IdP's own "Sales" is untouched.
    expect(await t.db.select({ m: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, pushed.id))).toEqual([{ m: c }]);
    expect(await attributeGroupsStatus(t.db, org.id)).toEqual({ attribute: "department", groups: 2, people: 3 });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "attribute_groups.enabled")));
    expect(audit).toMatchObject({ target: "department" });

    // Applying again is harmless; another attribute first needs turning off.
    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    expect(await attributeGroups(org.id)).toEqual({ Sales: sorted(a, b), support: [c] });
    await expect(applyAttributeGroups(t.db, { orgId: org.id, attribute: "division", actor: admin })).rejects.toBeInstanceOf(ConflictError);
    await expect(previewAttributeGroups(t.db, { orgId: org.id, attribute: "shoeSize", actor: admin })).rejects.toBeInstanceOf(ValidationError);
  });

  it("SCIM POST, PUT and PATCH (Entra-style enterprise paths) move people; new values make groups; empty groups stay", async () => {
    const org = await scimOrg();
    const admin = adminOf(org);
    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    const a = await provision(org.id, `a-${uniq()}@example.com`, { department: "Sales" });
    const b = await provision(org.id, `b-${uniq()}@example.com`, { department: "Sales" });
    expect(await attributeGroups(org.id)).toEqual({ Sales: sorted(a, b) });

    // Entra: replace with the full URN path.
    await patch(org.id, a, [{ op: "Replace", path: `${URN.enterprise}:department`, value: "Support" }]);
    expect(await attributeGroups(org.id)).toEqual({ Sales: [b], Support: [a] });
    // Okta-ish: a replace without a path carrying the extension object; the same group in another case is the same group.
    await patch(org.id, b, [{ op: "replace", value: { [URN.enterprise]: { department: "SUPPORT" } } }]);
    expect(await attributeGroups(org.id)).toEqual({ Sales: [], Support: sorted(a, b) });
    // Removing the attribute leaves every attribute group.
    await patch(org.id, a, [{ op: "remove", path: `${URN.enterprise}:department` }]);
    expect(await attributeGroups(org.id)).toEqual({ Sales: [], Support: [b] });
    // PUT replaces the whole user.
    const reply = await replaceUser(await ctx(org.id, { method: "PUT", id: a, body: user((await emailOf(a))!, { department: "Finance" }) }));
    expect(reply.status).toBe(200);
    expect(await attributeGroups(org.id)).toEqual({ Finance: [a], Sales: [], Support: [b] });
    // The SCIM User does not list Roster's attribute groups (docs/scim.md).
    expect((reply.body as { groups?: unknown }).groups).toBeUndefined();
    // A change that does not touch the value leaves the groups alone.
    await patch(org.id, a, [{ op: "replace", path: "displayName", value: "Ann" }]);
    expect(await attributeGroups(org.id)).toEqual({ Finance: [a], Sales: [], Support: [b] });
  });

  it.each([
    ["costCenter", "CC-100", "CC-200"],
    ["division", "EMEA", "APAC"],
    ["organization", "Acme GmbH", "Acme Inc"],
  ] as const)("follows the enterprise extension's %s over PATCH", async (attribute, first, second) => {
    const org = await scimOrg();
    await applyAttributeGroups(t.db, { orgId: org.id, attribute, actor: adminOf(org) });
    const a = await provision(org.id, `a-${uniq()}@example.com`, { [attribute]: first });
    expect(await attributeGroups(org.id)).toEqual({ [first]: [a] });
    await patch(org.id, a, [{ op: "replace", path: `${URN.enterprise}:${attribute}`, value: second }]);
    expect(await attributeGroups(org.id)).toEqual({ [first]: [], [second]: [a] });
  });

  it("title (core schema) works too, and an organisation without attribute groups gets none", async () => {
    const [on, off] = await Promise.all([scimOrg(), scimOrg()]);
    await applyAttributeGroups(t.db, { orgId: on.id, attribute: "title", actor: adminOf(on) });
    const a = await provision(on.id, `a-${uniq()}@example.com`, {}, { title: "Engineer" });
    await provision(off.id, `b-${uniq()}@example.com`, { department: "Sales" }, { title: "Engineer" });
    expect(await attributeGroups(on.id)).toEqual({ Engineer: [a] });
    expect(await attributeGroups(off.id)).toEqual({});
  });

  it("attribute groups are read-only to people and unseen by SCIM; an IdP group of the same name does not clash", async () => {
    const org = await scimOrg();
    const admin = adminOf(org);
    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    await provision(org.id, `a-${uniq()}@example.com`, { department: "Sales" });
    const [sales] = await t.db.select().from(groups).where(and(eq(groups.orgId, org.id), eq(groups.displayName, "Sales")));
    await expect(changeGroup(t.db, { orgId: org.id, groupId: sales!.id, actor: admin }, (c) => c.rename("X"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteGroup(t.db, { orgId: org.id, groupId: sales!.id, actor: admin })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteGroup(t.db, { orgId: org.id, groupId: sales!.id, actor: operator })).rejects.toBeInstanceOf(ForbiddenError);
    // Over SCIM it does not exist.
    await expect(changeGroup(t.db, { orgId: org.id, groupId: sales!.id, actor: scimActor }, async () => {})).rejects.toBeInstanceOf(NotFoundError);
    expect(await getGroupRow(t.db, org.id, sales!.id, true)).toBeUndefined();
    const idp = await createGroup(t.db, { orgId: org.id, displayName: "sales", actor: scimActor });
    const listed = await findGroups(t.db, { orgId: org.id, query: parseListQuery(new URLSearchParams()), withMembers: false });
    expect(listed.rows.map((r) => r.group.id)).toEqual([idp.id]);
    // A Roster-made group of that name cannot be made while the IdP's exists (ordinary names stay unique).
    await expect(createGroup(t.db, { orgId: org.id, displayName: "SALES", actor: admin })).rejects.toBeInstanceOf(ConflictError);
  });

  it("managed event types given to an attribute group follow its members", async () => {
    const org = await scimOrg();
    const admin = adminOf(org);
    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    const a = await provision(org.id, `a-${uniq()}@example.com`, { department: "Sales" });
    const [sales] = await t.db.select().from(groups).where(and(eq(groups.orgId, org.id), eq(groups.displayName, "Sales")));
    const managed = await createManagedEventType(t.db, {
      orgId: org.id,
      actor: admin,
      input: { title: "Sales demo", slug: `demo-${uniq()}`, durationMinutes: 30, description: null, location: null, assignment: { kind: "groups", groupIds: [sales!.id] } },
    });
    const copies = () => t.db.select({ m: eventTypes.membershipId }).from(eventTypes).where(eq(eventTypes.managedEventTypeId, managed.id));
    expect(await copies()).toEqual([{ m: a }]);
    await patch(org.id, a, [{ op: "replace", path: `${URN.enterprise}:department`, value: "Support" }]);
    expect(await copies()).toEqual([]);
    const b = await provision(org.id, `b-${uniq()}@example.com`, { department: "sales" });
    expect(await copies()).toEqual([{ m: b }]);
  });

  it("turning off leaves ordinary groups (renamed when an IdP group has the name); on again adopts them back", async () => {
    const org = await scimOrg();
    const admin = adminOf(org);
    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    const a = await provision(org.id, `a-${uniq()}@example.com`, { department: "Sales" });
    const b = await provision(org.id, `b-${uniq()}@example.com`, { department: "Support" });
    await createGroup(t.db, { orgId: org.id, displayName: "Support", actor: scimActor });
    expect(await turnOffAttributeGroups(t.db, { orgId: org.id, actor: admin })).toEqual({ released: 2, renamed: 1 });
    expect((await getOrganisation(t.db, org.id)).attributeGroups).toBeNull();
    const names = await t.db.select({ name: groups.displayName, from: groups.fromAttribute }).from(groups).where(eq(groups.orgId, org.id)).orderBy(groups.displayName);
    expect(names).toEqual([
      { name: "Sales", from: null },
      { name: "Support", from: null },
      { name: "Support (from department)", from: null },
    ]);
    // No longer following: a change of department moves nobody, and the groups are editable.
    await patch(org.id, a, [{ op: "replace", path: `${URN.enterprise}:department`, value: "Support" }]);
    const [sales] = await t.db.select().from(groups).where(and(eq(groups.orgId, org.id), eq(groups.displayName, "Sales")));
    expect(await t.db.select({ m: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, sales!.id))).toEqual([{ m: a }]);
    await changeGroup(t.db, { orgId: org.id, groupId: sales!.id, actor: admin }, (c) => c.rename("Sales team"));
    // On again: "Sales team" and "Support (from department)" are nobody's department, so they stay ordinary; the IdP's
    // "Support" is never adopted, so a new attribute group "Support" is made beside it.
    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: admin });
    expect(await attributeGroups(org.id)).toEqual({ Support: sorted(a, b) });
  });

  it("only owners and admins, never the IdP, choose the attribute", async () => {
    const org = await scimOrg();
    const other = await scimOrg();
    await expect(applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: scimActor })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: adminOf(other) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: adminOf(other) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(turnOffAttributeGroups(t.db, { orgId: org.id, actor: scimActor })).rejects.toBeInstanceOf(ForbiddenError);
    const [row] = await t.db.select({ a: organisations.attributeGroups }).from(organisations).where(eq(organisations.id, org.id));
    expect(row!.a).toBeNull();
  });
});

async function emailOf(membershipId: string): Promise<string | undefined> {
  const rows = rowsOf<{ email: string }>(await t.db.execute(sql`select u.email from memberships m join users u on u.id = m.user_id where m.id = ${membershipId}`));
  return rows[0]?.email;
}
