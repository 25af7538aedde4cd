import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { groupMembers, groups } from "@/lib/db/schema";
import { db, GROUP, logRows, makeScimOrg, newUser, patchBody, type ScimOrg, type ScimBody } from "./support";

let org: ScimOrg;
let u1: ScimBody;
let u2: ScimBody;
let u3: ScimBody;
beforeAll(async () => {
  org = await makeScimOrg({ seats: 20 });
  const made = await Promise.all([1, 2, 3].map(async () => (await org.client.post("/Users", newUser())).json));
  [u1, u2, u3] = made as [ScimBody, ScimBody, ScimBody];
});

const memberIds = (g: ScimBody) => (g.members ?? []).map((m) => m.value).sort();
const sorted = (...xs: string[]) => [...xs].sort();
async function storedMembers(groupId: string) {
  const { db: d } = await db();
  return (await d.select({ id: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, groupId))).map((r) => r.id).sort();
}
const createGroup = async (body: Record<string, unknown>) => {
  const r = await org.client.post("/Groups", { schemas: [GROUP], ...body });
  expect(r.status).toBe(201);
  return r.json;
};
let n = 0;
const name = () => `Group ${Date.now()}-${n++}`;

describe("POST and GET /Groups", () => {
  it("creates with members: 201, Location, members with $ref and display; GET with and without members", async () => {
    const r = await org.client.post("/Groups", { schemas: [GROUP], displayName: name(), externalId: "g-ext", members: [{ value: u1.id, display: "Label One" }, { value: u2.id }] });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`${org.client.base}/Groups/${r.json.id}`);
    expect(r.json).toMatchObject({ schemas: [GROUP], externalId: "g-ext", meta: { resourceType: "Group", version: 'W/"1"', location: `${org.client.base}/Groups/${r.json.id}` } });
    const byId = Object.fromEntries((r.json.members ?? []).map((m) => [m.value, m]));
    expect(byId[u1.id]).toEqual({ value: u1.id, $ref: `${org.client.base}/Users/${u1.id}`, display: "Label One", type: "User" });
    expect(byId[u2.id]?.display).toBe(u2.userName);
    const slim = await org.client.get(`/Groups/${r.json.id}?excludedAttributes=members`);
    expect(slim.json.members).toBeUndefined();
    expect(slim.json.displayName).toBe(r.json.displayName);
    const user = await org.client.get(`/Users/${u1.id}`);
    expect(user.json.groups).toEqual([{ value: r.json.id, $ref: `${org.client.base}/Groups/${r.json.id}`, display: r.json.displayName, type: "direct" }]);
    const [row] = await (await db()).db.select().from(groups).where(eq(groups.id, r.json.id));
    expect(row?.managedByIdp).toBe(true);
  });

  it("creates without members (and with Entra's extra schema URI); duplicate displayName (ScimBody case) is 409", async () => {
    const g = await createGroup({ schemas: [GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"], displayName: name(), meta: { resourceType: "Group" } });
    expect(g.members).toBeUndefined(); // unassigned: left out, not [] (RFC 7643 §2.5)
    const dup = await org.client.post("/Groups", { displayName: g.displayName.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.json.scimType).toBe("uniqueness");
  });

  it("unknown member ids and members of another organisation are 400, and no group is created", async () => {
    const other = await makeScimOrg();
    const stranger = (await other.client.post("/Users", newUser())).json;
    const displayName = name();
    const r = await org.client.post("/Groups", { displayName, members: [{ value: u1.id }, { value: stranger.id }] });
    expect(r.status).toBe(400);
    expect(r.json.scimType).toBe("invalidValue");
    expect(r.json.detail).toContain(stranger.id);
    expect((await org.client.get(`/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`)).json.totalResults).toBe(0);
  });

  it("filters: displayName eq, id eq … and members eq …, members[value eq …]", async () => {
    const g = await createGroup({ displayName: name(), members: [{ value: u1.id }] });
    const q = async (f: string) => (await org.client.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent(f)}`)).json;
    expect((await q(`displayName eq "${g.displayName.toLowerCase()}"`)).Resources.map((x: ScimBody) => x.id)).toEqual([g.id]);
    expect((await q(`id eq "${g.id}" and members eq "${u1.id}"`)).totalResults).toBe(1);
    expect((await q(`id eq "${g.id}" and members eq "${u2.id}"`)).totalResults).toBe(0);
    expect((await q(`members[value eq "${u1.id}"] and displayName sw "Group"`)).Resources.map((x: ScimBody) => x.id)).toContain(g.id);
    const none = await q(`displayName eq "${crypto.randomUUID()}"`);
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });
  });
});

describe("PATCH /Groups/{id}", () => {
  const cases: [string, (g: ScimBody) => unknown[], (g: ScimBody) => string[], string?][] = [
    ["add members (re-adding one is fine)", () => [{ op: "add", path: "members", value: [{ value: u1.id }, { value: u2.id }] }], () => sorted(u1.id, u2.id)],
    ["Entra 'Add' with $ref null, two ops", () => [{ op: "Add", path: "members", value: [{ $ref: null, value: u2.id }] }, { op: "Add", path: "members", value: [{ value: u3.id }] }], () => sorted(u1.id, u2.id, u3.id)],
    ["remove by path filter and add another in one PATCH (Okta)", () => [{ op: "remove", path: `members[value eq "${u1.id}"]` }, { op: "add", path: "members", value: [{ value: u3.id }] }], () => [u3.id]],
    ["Entra 'Remove' members with a value list removes only those", () => [{ op: "Remove", path: "members", value: [{ $ref: null, value: u1.id }] }], () => []],
    ["remove members without value removes all", () => [{ op: "add", path: "members", value: [{ value: u2.id }] }, { op: "remove", path: "members" }], () => []],
    ["replace members", () => [{ op: "replace", path: "members", value: [{ value: u2.id }, { value: u3.id }] }], () => sorted(u2.id, u3.id)],
    ["remove with an or-filter", () => [{ op: "add", path: "members", value: [{ value: u2.id }, { value: u3.id }] }, { op: "remove", path: `members[value eq "${u2.id}" or value eq "${u3.id}"]` }], () => [u1.id]],
    ["rename without path, value echoing the read-only id (Okta)", (g) => [{ op: "replace", value: { id: g.id, displayName: `${g.displayName} renamed` } }], () => [u1.id], "renamed"],
    ["rename with 'Replace' displayName (Entra)", (g) => [{ op: "Replace", path: "displayName", value: `${g.displayName} v2` }], () => [u1.id], "v2"],
    // Removals are gathered into one DELETE (lib/orgs/groups.ts): order must still hold.
    ["Okta-style removals, one per operation, then re-adding one of them", () => [
      { op: "add", path: "members", value: [{ value: u2.id }, { value: u3.id }] },
      { op: "remove", path: `members[value eq "${u1.id}"]` },
      { op: "remove", path: `members[value eq "${u2.id}"]` },
      { op: "remove", path: `members[value eq "${u3.id}"]` },
      { op: "add", path: "members", value: [{ value: u2.id }] },
    ], () => [u2.id]],
    ["a removal after the add of the same member wins", () => [
      { op: "add", path: "members", value: [{ value: u3.id }] },
      { op: "remove", path: `members[value eq "${u3.id}"]` },
      { op: "remove", path: `members[value eq "not-a-member"]` },
    ], () => [u1.id]],
    ["bare strings in a members value are not members: ignored (Microsoft garbage test)", () => [{ op: "add", path: "members", value: "string id 1" }], () => [u1.id]],
  ];

  it.each(cases)("%s", async (_, ops, expected, renamed) => {
    const g = await createGroup({ displayName: name(), members: [{ value: u1.id }] });
    const r = await org.client.patch(`/Groups/${g.id}`, patchBody(...ops(g)), { Prefer: "return=representation" });
    expect(r.status).toBe(200);
    expect(memberIds(r.json)).toEqual(expected(g));
    expect(await storedMembers(g.id)).toEqual(expected(g));
    if (renamed) expect(r.json.displayName).toContain(renamed);
    expect(r.json.meta.version).toBe('W/"2"');
  });

  it("unknown member in a PATCH is 400 and the whole PATCH is rolled back", async () => {
    const g = await createGroup({ displayName: name(), members: [{ value: u1.id }] });
    const r = await org.client.patch(`/Groups/${g.id}`, patchBody(
      { op: "replace", path: "displayName", value: `${g.displayName} should not stick` },
      { op: "add", path: "members", value: [{ value: u2.id }, { value: crypto.randomUUID() }] },
    ));
    expect(r.status).toBe(400);
    expect(r.json.scimType).toBe("invalidValue");
    const after = (await org.client.get(`/Groups/${g.id}`)).json;
    expect(after.displayName).toBe(g.displayName);
    expect(memberIds(after)).toEqual([u1.id]);
    expect(after.meta.version).toBe('W/"1"');
  });

  it("204 with the new ETag unless the resource is asked for, even to SCIM clients: a big group's member list never travels back; rename onto a taken name is 409", async () => {
    const a = await createGroup({ displayName: name() });
    const b = await createGroup({ displayName: name() });
    for (const accept of ["*/*", "application/scim+json"]) {
      const r = await org.client.patch(`/Groups/${a.id}`, patchBody({ op: "add", path: "members", value: [{ value: u1.id }] }), { Accept: accept });
      expect(r.status, accept).toBe(204);
      expect(r.text, accept).toBe("");
    }
    expect(memberIds((await org.client.get(`/Groups/${a.id}`)).json)).toEqual([u1.id]);
    const asked = await org.client.patch(`/Groups/${a.id}?excludedAttributes=members`, patchBody({ op: "add", path: "members", value: [{ value: u2.id }] }));
    expect(asked.status).toBe(200);
    expect(asked.json.members).toBeUndefined();
    expect(asked.json.meta.version).toBe('W/"4"');
    const clash = await org.client.patch(`/Groups/${a.id}`, patchBody({ op: "replace", path: "displayName", value: b.displayName }));
    expect(clash.status).toBe(409);
  });

  it("the provisioning log names the operations", async () => {
    const logged = await makeScimOrg();
    const g = (await logged.client.post("/Groups", { displayName: "Logged" })).json;
    await logged.client.patch(`/Groups/${g.id}`, patchBody({ op: "Replace", path: "displayName", value: "Logged 2" }));
    const rows = await logRows(logged.id, 2);
    expect(rows[1]).toMatchObject({ method: "PATCH", resource_type: "Group", resource_id: g.id, operation: "patch: replace displayName", target: "Logged 2" });
    expect(rows[1]!.status).toBe(204);
    expect(Number(rows[1]!.duration_ms)).toBeGreaterThanOrEqual(0);
  });
});

describe("PUT and DELETE /Groups/{id}", () => {
  it("PUT replaces name, externalId and members (absent members = none)", async () => {
    const g = await createGroup({ displayName: name(), externalId: "old", members: [{ value: u1.id }] });
    const r = await org.client.put(`/Groups/${g.id}`, { schemas: [GROUP], id: g.id, displayName: `${g.displayName} put`, members: [{ value: u2.id }, { value: u3.id }] });
    expect(r.status).toBe(200);
    expect(r.json.externalId).toBeUndefined();
    expect(memberIds(r.json)).toEqual(sorted(u2.id, u3.id));
    const cleared = await org.client.put(`/Groups/${g.id}`, { displayName: "Tiffany Ortiz " + g.id });
    expect(cleared.json.members).toBeUndefined();
    expect(await storedMembers(g.id)).toEqual([]);
  });

  it("DELETE is 204 then 404; members stay users", async () => {
    const g = await createGroup({ displayName: name(), members: [{ value: u1.id }] });
    expect((await org.client.delete(`/Groups/${g.id}`)).status).toBe(204);
    expect((await org.client.get(`/Groups/${g.id}`)).status).toBe(404);
    expect((await org.client.get(`/Users/${u1.id}`)).status).toBe(200);
  });

  it("deleting a user removes them from their groups", async () => {
    const victim = (await org.client.post("/Users", newUser())).json;
    const g = await createGroup({ displayName: name(), members: [{ value: victim.id }, { value: u1.id }] });
    await org.client.delete(`/Users/${victim.id}`);
    expect(memberIds((await org.client.get(`/Groups/${g.id}`)).json)).toEqual([u1.id]);
  });
});
