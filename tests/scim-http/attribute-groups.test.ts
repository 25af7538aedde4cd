import { and, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { groupMembers, groups } from "@/lib/db/schema";
import { applyAttributeGroups } from "@/lib/orgs/attribute-groups";
import { db, ENTERPRISE, GROUP, makeScimOrg, newUser, operator, patchBody, USER, type ScimOrg } from "./support";

/**
 * Groups from a user attribute over real SCIM (issue 17): the production server moves people between
 * department groups as Entra and Okta change the attribute, and keeps those groups out of the IdP's sight.
 */
let org: ScimOrg;
beforeAll(async () => {
  org = await makeScimOrg({ seats: 20 });
  await applyAttributeGroups((await db()).db, { orgId: org.id, attribute: "department", actor: operator });
});

/** Department groups: name → userNames of their members, sorted. */
async function departments(): Promise<Record<string, string[]>> {
  const { db: d } = await db();
  const { memberships } = await import("@/lib/db/schema");
  const rows = await d
    .select({ name: groups.displayName, userName: memberships.userName })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .leftJoin(memberships, eq(memberships.id, groupMembers.membershipId))
    .where(and(eq(groups.orgId, org.id), isNotNull(groups.fromAttribute)));
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.name] ??= []).push(...(r.userName ? [r.userName] : []));
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

/** The authentication cache forgets an organisation's settings when the database announces a change; wait for that to have happened. */
async function settled() {
  for (let i = 0; i < 30; i++) {
    const probe = await org.client.post("/Users", newUser({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: "Probe" } }));
    expect(probe.status).toBe(201);
    await org.client.delete(`/Users/${probe.json.id}`);
    if ((await departments()).Probe) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server never saw the attribute groups setting");
}

describe("groups from the department attribute, over SCIM", () => {
  it("POST, Entra PATCH with the URN path, Okta PATCH without a path, and PUT move the person; SCIM never sees the groups", async () => {
    await settled();
    const created = await org.client.post("/Users", newUser({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: "Sales" } }));
    expect(created.status).toBe(201);
    const { id, userName } = created.json;
    expect((await departments()).Sales).toEqual([userName]);

    // Entra ID: one operation per attribute, the path names the extension attribute.
    const entra = await org.client.patch(`/Users/${id}`, patchBody({ op: "Replace", path: `${ENTERPRISE}:department`, value: "Support" }));
    expect(entra.status).toBe(200);
    expect(await departments()).toMatchObject({ Sales: [], Support: [userName] });
    // The User's groups are the IdP's groups only.
    expect(entra.json.groups).toBeUndefined();

    // Okta: a replace without a path, the extension as an object.
    const okta = await org.client.patch(`/Users/${id}`, patchBody({ op: "replace", value: { [ENTERPRISE]: { department: "Finance" } } }));
    expect(okta.status).toBe(200);
    expect(await departments()).toMatchObject({ Sales: [], Support: [], Finance: [userName] });

    // PUT without the extension: the person leaves every department group.
    const put = await org.client.put(`/Users/${id}`, { schemas: [USER], userName, emails: [{ value: userName, type: "work", primary: true }], active: true });
    expect(put.status).toBe(200);
    expect(await departments()).toMatchObject({ Finance: [] });

    // The Groups endpoint lists, finds and changes none of them; an IdP group with the same name does not clash.
    const list = await org.client.get(`/Groups?filter=${encodeURIComponent('displayName eq "Sales"')}`);
    expect(list.status).toBe(200);
    expect(list.json.totalResults).toBe(0);
    const { db: d } = await db();
    const [sales] = await d.select().from(groups).where(and(eq(groups.orgId, org.id), eq(groups.displayName, "Sales")));
    expect((await org.client.get(`/Groups/${sales!.id}`)).status).toBe(404);
    expect((await org.client.patch(`/Groups/${sales!.id}`, patchBody({ op: "replace", path: "displayName", value: "Hijacked" }))).status).toBe(404);
    expect((await org.client.delete(`/Groups/${sales!.id}`)).status).toBe(404);
    const pushed = await org.client.post("/Groups", { schemas: [GROUP], displayName: "Sales", members: [{ value: id }] });
    expect(pushed.status).toBe(201);
    const again = await org.client.get(`/Groups?filter=${encodeURIComponent('displayName eq "Sales"')}`);
    expect(again.json.Resources.map((g) => g.id)).toEqual([pushed.json.id]);
    const [still] = await d.select().from(groups).where(eq(groups.id, sales!.id));
    expect(still).toMatchObject({ displayName: "Sales", fromAttribute: "department" });
  });
});
