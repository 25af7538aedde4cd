import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, organisationSeats, sessions, users } from "@/lib/db/schema";
import { db, ENTERPRISE, makeScimOrg, newUser, patchBody, USER, type ScimOrg, type ScimBody } from "./support";

let org: ScimOrg;
beforeAll(async () => {
  org = await makeScimOrg({ seats: 60, owner: true });
});

const create = async (overrides: Record<string, unknown> = {}) => {
  const r = await org.client.post("/Users", newUser(overrides));
  expect(r.status).toBe(201);
  return r.json;
};
async function account(id: string) {
  const { db: d } = await db();
  const [row] = await d.select().from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.id, id));
  return row!;
}
async function held() {
  const { db: d } = await db();
  return (await d.select({ h: organisationSeats.held }).from(organisationSeats).where(eq(organisationSeats.orgId, org.id)))[0]!.h;
}

describe("PUT /Users/{id}", () => {
  it("replaces: names and login email sync, read-only and unknown attributes ignored, roles never change", async () => {
    const u = await create();
    const put = await org.client.put(`/Users/${u.id}`, {
      schemas: [USER],
      id: "some-other-id",
      meta: { resourceType: "User", created: "2001-01-01T00:00:00Z" },
      userName: u.userName,
      name: { givenName: "Another", middleName: "Excited", familyName: "User" },
      emails: [{ primary: true, value: `changed.${u.userName}`, type: "work" }],
      roles: [{ value: "owner" }],
      groups: [],
      active: true,
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ id: u.id, name: { givenName: "Another", middleName: "Excited", familyName: "User" }, emails: [{ value: `changed.${u.userName}` }] });
    expect(put.json.meta.version).toBe('W/"2"');
    expect(put.json.meta.created).toBe(u.meta.created);
    const row = await account(u.id);
    expect(row.users.email).toBe(`changed.${u.userName}`);
    expect(row.users.givenName).toBe("Another");
    expect(row.memberships.role).toBe("user");
    // Full replace: what the PUT left out (title) is gone.
    const again = await org.client.put(`/Users/${u.id}`, { userName: u.userName, emails: put.json.emails, title: "CTO" });
    expect(again.json.title).toBe("CTO");
    const third = await org.client.put(`/Users/${u.id}`, { userName: u.userName, emails: put.json.emails });
    expect(third.json.title).toBeUndefined();
    expect(third.json.name).toBeUndefined();
  });

  it("409 when the new login email belongs to someone else; 404 for an unknown id", async () => {
    const a = await create();
    const b = await create();
    const r = await org.client.put(`/Users/${b.id}`, { userName: b.userName, emails: [{ value: a.emails[0]!.value.toUpperCase(), primary: true }] });
    expect(r.status).toBe(409);
    expect(r.json.scimType).toBe("uniqueness");
    expect((await account(b.id)).users.email).toBe(b.userName);
    expect((await org.client.put(`/Users/${crypto.randomUUID()}`, newUser())).status).toBe(404);
  });
});

describe("PATCH /Users/{id}", () => {
  const cases: [string, unknown[], (u: ScimBody) => Record<string, unknown>][] = [
    ["Okta deactivate: replace without path", [{ op: "replace", value: { active: false } }], () => ({ active: false })],
    ["Entra: Replace active \"False\"", [{ op: "Replace", path: "active", value: "False" }], () => ({ active: false })],
    ["name.givenName by dotted path", [{ op: "replace", path: "name.givenName", value: "Dotted" }], (u) => ({ name: { ...u.name, givenName: "Dotted" } })],
    ["dotted key inside a no-path value", [{ op: "replace", value: { "name.familyName": "Keyed", displayName: "K" } }], (u) => ({ name: { ...u.name, familyName: "Keyed" }, displayName: "K" })],
    ["URN-qualified key inside a no-path value", [{ op: "add", value: { [`${ENTERPRISE}:employeeNumber`]: "42" } }], () => ({ [ENTERPRISE]: { employeeNumber: "42" } })],
    ["URN-qualified path", [{ op: "replace", path: `${ENTERPRISE}:department`, value: "Sales" }], () => ({ [ENTERPRISE]: { department: "Sales" } })],
    ["filtered path emails[type eq \"work\"].value", [{ op: "Replace", path: 'emails[type eq "work"].value', value: "NEW@x.example" }], () => ({ emails: [{ value: "NEW@x.example", type: "work", primary: true }] })],
    ["add to a multi-valued attribute", [{ op: "add", path: "phoneNumbers", value: [{ value: "+1 555", type: "mobile" }] }], () => ({ phoneNumbers: [{ value: "+1 555", type: "mobile" }] })],
    ["Add nickName (Entra)", [{ op: "Add", path: "nickName", value: "Babs" }], () => ({ nickName: "Babs" })],
    ["manager as a bare id (Entra)", [{ op: "Add", path: `${ENTERPRISE}:manager`, value: "MGR-1" }], () => ({ [ENTERPRISE]: { manager: { value: "MGR-1" } } })],
    ["manager, older array form", [{ op: "Add", path: "manager", value: [{ $ref: null, value: "MGR-2" }] }], () => ({ [ENTERPRISE]: { manager: { value: "MGR-2" } } })],
    ["manager as {value}", [{ op: "replace", path: `${ENTERPRISE}:manager`, value: { value: "MGR-3" } }], () => ({ [ENTERPRISE]: { manager: { value: "MGR-3" } } })],
    ["several ops in one PATCH", [{ op: "replace", path: "title", value: "A" }, { op: "replace", path: "title", value: "B" }, { op: "add", path: "userType", value: "Employee" }], () => ({ title: "B", userType: "Employee" })],
    ["unknown attribute is ignored", [{ op: "replace", value: { password: "x", shoeSize: 42 } }], () => ({})],
    ["upper-case attribute names", [{ op: "replace", path: "DisplayName", value: "Upper" }], () => ({ displayName: "Upper" })],
  ];

  it.each(cases)("%s", async (_, ops, expected) => {
    const u = await create({ emails: [{ value: `w.${Math.random().toString(36).slice(2)}@x.example`, type: "work", primary: true }] });
    if (JSON.stringify(ops).includes("NEW@x.example")) (ops[0] as ScimBody).value = `new.${u.id}@x.example`;
    const r = await org.client.patch(`/Users/${u.id}`, patchBody(...ops));
    expect(r.status).toBe(200);
    const want = JSON.parse(JSON.stringify(expected(u)).replace("NEW@x.example", `new.${u.id}@x.example`));
    expect(r.json).toMatchObject(want);
    const got = await org.client.get(`/Users/${u.id}`);
    expect(got.json).toMatchObject(want);
    if (want.emails) expect((await account(u.id)).users.email).toBe(`new.${u.id}@x.example`);
  });

  it("removing the manager without a value clears it; $ref points to the manager's resource", async () => {
    const boss = await create();
    const u = await create({ [ENTERPRISE]: { manager: { value: boss.id } } });
    expect((u[ENTERPRISE] as { manager: unknown }).manager).toEqual({ value: boss.id, $ref: `${org.client.base}/Users/${boss.id}` });
    const r = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "Remove", path: `${ENTERPRISE}:manager` }));
    expect(r.json[ENTERPRISE]).toBeUndefined();
  });

  it("answers 204 to a client that accepts anything, or asks for minimal", async () => {
    const u = await create();
    const r = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", path: "title", value: "x" }), { Accept: "*/*" });
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    expect(r.headers.get("etag")).toBe('W/"2"');
    expect((await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", path: "title", value: "y" }), { Prefer: "return=minimal" })).status).toBe(204);
  });

  it("a PATCH or PUT that changes nothing writes nothing: same ETag and lastModified; a change to the name alone moves both", async () => {
    const u = await create();
    const same = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", path: "name.givenName", value: u.name.givenName }));
    expect(same.status).toBe(200);
    expect(same.headers.get("etag")).toBe(u.meta.version);
    expect(same.json.meta.lastModified).toBe(u.meta.lastModified);
    const { id: _id, meta: _meta, ...resent } = (await org.client.get(`/Users/${u.id}`)).json;
    const put = await org.client.put(`/Users/${u.id}`, resent);
    expect(put.status).toBe(200);
    expect(put.json.meta).toEqual(u.meta);
    const renamed = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", path: "name.familyName", value: "Renamed" }));
    expect(renamed.json.name.familyName).toBe("Renamed");
    expect(renamed.headers.get("etag")).toBe('W/"2"');
    expect(renamed.json.meta.lastModified > u.meta.lastModified).toBe(true);
  });

  it("If-Match: a stale ETag is 412 and changes nothing; the current one works", async () => {
    const u = await create();
    const stale = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", path: "title", value: "x" }), { "If-Match": 'W/"7"' });
    expect(stale.status).toBe(412);
    expect((await org.client.get(`/Users/${u.id}`)).json.title).toBeUndefined();
    const ok = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", path: "title", value: "x" }), { "If-Match": u.meta.version });
    expect(ok.status).toBe(200);
    expect((await org.client.put(`/Users/${u.id}`, newUser({ userName: u.userName }), { "If-Match": u.meta.version })).status).toBe(412);
    expect((await org.client.delete(`/Users/${u.id}`, { "If-Match": '"1"' })).status).toBe(412);
    expect((await org.client.get(`/Users/${u.id}`, { "If-None-Match": ok.json.meta.version })).status).toBe(304);
  });
});

describe("lifecycle", () => {
  it("deactivate frees the seat and ends sessions; the user stays readable by id and filter; reactivate takes a seat back", async () => {
    const u = await create();
    const { db: d } = await db();
    const row = await account(u.id);
    await d.insert(sessions).values({ tokenHash: `h-${u.id}`, userId: row.users.id, expiresAt: new Date(Date.now() + 3_600_000) });
    const before = await held();
    const off = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", value: { active: false } }));
    expect(off.json.active).toBe(false);
    expect(await held()).toBe(before - 1);
    expect(await d.select().from(sessions).where(eq(sessions.userId, row.users.id))).toHaveLength(0);
    expect((await org.client.get(`/Users/${u.id}`)).json.active).toBe(false);
    const byFilter = await org.client.get(`/Users?filter=${encodeURIComponent(`userName eq "${u.userName}"`)}`);
    expect(byFilter.json.Resources[0]!.active).toBe(false);
    const on = await org.client.patch(`/Users/${u.id}`, patchBody({ op: "replace", value: { active: true } }));
    expect(on.json.active).toBe(true);
    expect((await account(u.id)).memberships.state).toBe("invited");
    expect(await held()).toBe(before);
  });

  it("reactivation without a free seat is 403 and leaves the user deactivated", async () => {
    const small = await makeScimOrg({ seats: 1 });
    const a = (await small.client.post("/Users", newUser())).json;
    await small.client.patch(`/Users/${a.id}`, patchBody({ op: "replace", path: "active", value: false }));
    expect((await small.client.post("/Users", newUser())).status).toBe(201);
    const r = await small.client.patch(`/Users/${a.id}`, patchBody({ op: "replace", path: "active", value: true }, { op: "replace", path: "title", value: "t" }));
    expect(r.status).toBe(403);
    expect(r.json.detail).toContain(small.name);
    const after = (await small.client.get(`/Users/${a.id}`)).json;
    expect(after.active).toBe(false);
    expect(after.title).toBeUndefined();
  });

  it("the owner cannot be deactivated or deleted (403: transfer ownership first); roles from the IdP change nothing", async () => {
    const list = await org.client.get(`/Users?filter=${encodeURIComponent('userName sw "owner-"')}`);
    const owner = list.json.Resources[0]!;
    const off = await org.client.patch(`/Users/${owner.id}`, patchBody({ op: "replace", path: "active", value: false }));
    expect(off.status).toBe(403);
    expect(off.json.detail).toContain("Transfer ownership");
    const del = await org.client.delete(`/Users/${owner.id}`);
    expect(del.status).toBe(403);
    expect(del.json.detail).toContain("Transfer ownership");
    await org.client.patch(`/Users/${owner.id}`, patchBody({ op: "add", path: "roles", value: [{ value: "user" }] }));
    expect((await account(owner.id)).memberships).toMatchObject({ role: "owner", state: "active" });
  });

  it("DELETE: a provisioned account goes; a personal account goes back to being solo; then 404", async () => {
    const { db: d } = await db();
    const u = await create();
    const before = await held();
    const uid = (await account(u.id)).users.id;
    expect((await org.client.delete(`/Users/${u.id}`)).status).toBe(204);
    expect(await held()).toBe(before - 1);
    expect(await d.select().from(users).where(eq(users.id, uid))).toHaveLength(0);
    expect((await org.client.get(`/Users/${u.id}`)).status).toBe(404);
    expect((await org.client.delete(`/Users/${u.id}`)).status).toBe(404);

    const email = `personal-${Math.random().toString(36).slice(2)}@solo.example`;
    const [solo] = await d.insert(users).values({ email, origin: "personal" }).returning();
    const p = (await org.client.post("/Users", newUser({ userName: email, emails: [{ value: email, primary: true }] }))).json;
    expect((await org.client.delete(`/Users/${p.id}`)).status).toBe(204);
    expect(await d.select().from(users).where(eq(users.id, solo!.id))).toHaveLength(1);
    expect(await d.select().from(memberships).where(eq(memberships.userId, solo!.id))).toHaveLength(0);
  });
});
