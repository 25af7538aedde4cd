import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eventTypes, memberships, organisations } from "@/lib/db/schema";
import { createManagedEventType } from "@/lib/events/managed-events";
import { managedEventBody } from "@/lib/events/schemas";
import { markMemberJoined } from "@/lib/orgs/lifecycle";
import { ctx, db, GROUP, makeScimOrg, newUser, operator, patchBody, type ScimOrg } from "./support";

/**
 * Managed event types follow group membership changes that arrive over SCIM:
 * real HTTP against the production build, the database checked directly.
 */
async function holders(managedId: string): Promise<string[]> {
  const { db: d } = await db();
  const rows = await d.select({ m: eventTypes.membershipId }).from(eventTypes).where(eq(eventTypes.managedEventTypeId, managedId));
  return rows.map((r) => r.m!).sort();
}

async function provision(org: ScimOrg): Promise<string> {
  const res = await org.client.post("/Users", newUser());
  expect(res.status).toBe(201);
  return res.json.id;
}

async function managedFor(org: ScimOrg, groupId: string) {
  const { db: d } = await db();
  return createManagedEventType(d, {
    orgId: org.id,
    input: managedEventBody.parse({ title: "Support session", durationMinutes: 30, assignment: { kind: "groups", groupIds: [groupId] } }),
    actor: operator,
  });
}

describe("managed event types over SCIM", () => {
  it("a member added to the group over SCIM receives the managed event; removed, loses it", async () => {
    const org = await makeScimOrg();
    const [ann, bob] = [await provision(org), await provision(org)];
    const group = await org.client.post("/Groups", { schemas: [GROUP], displayName: "Support", members: [{ value: ann }] });
    expect(group.status).toBe(201);
    const managed = await managedFor(org, group.json.id);
    expect(await holders(managed.id)).toEqual([ann]);

    const add = await org.client.patch(`/Groups/${group.json.id}`, patchBody({ op: "add", path: "members", value: [{ value: bob }] }));
    expect(add.status).toBe(204);
    expect(await holders(managed.id)).toEqual([ann, bob].sort());

    // Entra's form: remove with a value filter in the path.
    const remove = await org.client.patch(`/Groups/${group.json.id}`, patchBody({ op: "remove", path: `members[value eq "${ann}"]` }));
    expect([200, 204]).toContain(remove.status);
    expect(await holders(managed.id)).toEqual([bob]);

    const replace = await org.client.put(`/Groups/${group.json.id}`, { schemas: [GROUP], displayName: "Support", members: [] });
    expect(replace.status).toBe(200);
    expect(await holders(managed.id)).toEqual([]);
  });

  it("deleting the group over SCIM takes its managed events from its members", async () => {
    const org = await makeScimOrg();
    const ann = await provision(org);
    const group = await org.client.post("/Groups", { schemas: [GROUP], displayName: "Field", members: [{ value: ann }] });
    const managed = await managedFor(org, group.json.id);
    expect(await holders(managed.id)).toEqual([ann]);
    expect((await org.client.delete(`/Groups/${group.json.id}`)).status).toBe(204);
    expect(await holders(managed.id)).toEqual([]);
  });

  it("a deactivated member's booking page is 404 and reactivation restores it, over SCIM and HTTP", async () => {
    const org = await makeScimOrg();
    const id = await provision(org);
    const { db: d } = await db();
    await markMemberJoined(d, { orgId: org.id, membershipId: id }); // stands in for the first SSO sign-in
    const [m] = await d.select({ slug: memberships.slug }).from(memberships).where(eq(memberships.id, id));
    const [o] = await d.select({ slug: organisations.slug }).from(organisations).where(eq(organisations.id, org.id));
    const page = `${ctx().appUrl}/${o!.slug}/${m!.slug}/30-minute-meeting`;
    expect((await fetch(page)).status).toBe(200);
    const off = await org.client.patch(`/Users/${id}`, patchBody({ op: "replace", value: { active: false } }));
    expect(off.status).toBe(200);
    const refused = await fetch(page);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain("Not available for booking");
    expect((await org.client.patch(`/Users/${id}`, patchBody({ op: "replace", path: "active", value: "True" }))).status).toBe(200);
    expect((await fetch(page)).status).toBe(200);
  });
});
