import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, organisationSeats } from "@/lib/db/schema";
import { ctx, db, ERROR, GROUP, logRows, makeScimOrg, newUser, patchBody, ScimClient, USER, type ScimBody, type ScimOrg } from "./support";

const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

const search = (fields: Record<string, unknown>) => ({ schemas: [SEARCH], ...fields });
const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}) => ({ schemas: [BULK], ...extra, Operations });
type BulkOp = { method: string; bulkId?: string; version?: string; location?: string; status: string; response?: ScimBody };
const ops = (r: { json: ScimBody }) => r.json.Operations as unknown as BulkOp[];
const ids = (list: ScimBody) => list.Resources.map((x) => x.id);

describe("POST …/.search (RFC 7644 §3.4.3)", () => {
  let org: ScimOrg;
  let other: ScimOrg;
  let users: ScimBody[];
  let groups: ScimBody[];
  beforeAll(async () => {
    [org, other] = await Promise.all([makeScimOrg(), makeScimOrg()]);
    users = [];
    for (let i = 0; i < 5; i++) users.push((await org.client.post("/Users", newUser({ displayName: `Shared ${i}`, title: i % 2 ? "odd" : "even" }))).json);
    groups = [];
    for (let i = 0; i < 3; i++) groups.push((await org.client.post("/Groups", { schemas: [GROUP], displayName: `Shared group ${i}`, members: [{ value: users[i]!.id }] })).json);
    // The other organisation's people and groups, named alike: never found from here.
    await other.client.post("/Users", newUser({ displayName: "Shared stranger" }));
    await other.client.post("/Groups", { schemas: [GROUP], displayName: "Shared group stranger" });
  });

  it.each([
    ["a filter", { filter: 'title eq "odd"' }, "filter=title%20eq%20%22odd%22"],
    ["sorting and paging", { sortBy: "userName", sortOrder: "descending", startIndex: 2, count: 2 }, "sortBy=userName&sortOrder=descending&startIndex=2&count=2"],
    ["attributes", { attributes: ["userName", "emails"], filter: 'title eq "even"' }, "attributes=userName,emails&filter=title%20eq%20%22even%22"],
    ["excludedAttributes", { excludedAttributes: ["groups", "name"], count: 3 }, "excludedAttributes=groups,name&count=3"],
    ["nothing but schemas", {}, ""],
  ])("/Users/.search with %s answers what the GET answers", async (_, fields, query) => {
    const posted = await org.client.post("/Users/.search", search(fields));
    const got = await org.client.get(`/Users?${query}`);
    expect(posted.status).toBe(200);
    expect(posted.headers.get("content-type")).toContain("application/scim+json");
    expect(posted.json).toEqual(got.json);
  });

  it("/Groups/.search answers what the GET answers, and the case of the resource name does not matter", async () => {
    const posted = await org.client.post("/groups/.search", search({ filter: 'displayName sw "Shared group"', excludedAttributes: ["members"] }));
    const got = await org.client.get(`/Groups?filter=${encodeURIComponent('displayName sw "Shared group"')}&excludedAttributes=members`);
    expect(posted.status).toBe(200);
    expect(posted.json).toEqual(got.json);
    expect(posted.json.totalResults).toBe(3);
  });

  it("/.search finds users and groups, pages through both as one list, and never another organisation's", async () => {
    const all = await org.client.post("/.search", search({ filter: 'displayName sw "Shared"' }));
    expect(all.status).toBe(200);
    expect(all.json.totalResults).toBe(8);
    expect(ids(all.json).sort()).toEqual([...users, ...groups].map((x) => x.id).sort());
    expect(all.json.Resources.map((x) => x.meta.resourceType)).toEqual(["User", "User", "User", "User", "User", "Group", "Group", "Group"]);
    // A window across the boundary between users and groups.
    const window = await org.client.post("/.search", search({ filter: 'displayName sw "Shared"', startIndex: 4, count: 3 }));
    expect(window.json).toMatchObject({ totalResults: 8, startIndex: 4, itemsPerPage: 3 });
    expect(ids(window.json)).toEqual(ids(all.json).slice(3, 6));
    const past = await org.client.post("/.search", search({ filter: 'displayName sw "Shared"', startIndex: 7, count: 10 }));
    expect(ids(past.json)).toEqual(ids(all.json).slice(6));
    const counted = await org.client.post("/.search", search({ filter: 'displayName sw "Shared"', count: 0 }));
    expect(counted.json).toMatchObject({ totalResults: 8, itemsPerPage: 0, Resources: [] });
  });

  it("/.search: an attribute only one type has matches that type alone", async () => {
    const byUserName = await org.client.post("/.search", search({ filter: `userName eq "${users[0]!.userName}"` }));
    expect(ids(byUserName.json)).toEqual([users[0]!.id]);
    const byMember = await org.client.post("/.search", search({ filter: `members eq "${users[1]!.id}"` }));
    expect(ids(byMember.json)).toEqual([groups[1]!.id]);
    const nothing = await org.client.post("/.search", search({ filter: 'shoeSize eq "42"' }));
    expect(nothing.status).toBe(400);
    expect(nothing.json.scimType).toBe("invalidFilter");
  });

  it("is logged as a search", async () => {
    const logged = await makeScimOrg();
    await logged.client.post("/Users/.search", search({ filter: 'userName eq "x"' }));
    const [row] = await logRows(logged.id, 1);
    expect(row).toMatchObject({ method: "POST", status: 200, operation: "search" });
  });
});

describe("POST /Bulk (RFC 7644 §3.7)", () => {
  let org: ScimOrg;
  beforeAll(async () => {
    org = await makeScimOrg({ seats: 100 });
  });

  it("creates, refers by bulkId, changes and deletes in one request; each operation answers as its own request would", async () => {
    const a = newUser();
    const b = newUser();
    const r = await org.client.post("/Bulk", bulk([
      { method: "POST", path: "/Users", bulkId: "ua", data: a },
      { method: "POST", path: "/Groups", bulkId: "g1", data: { schemas: [GROUP], displayName: `Bulk group ${Date.now()}`, members: [{ value: "bulkId:ua" }, { value: "bulkId:ub" }] } },
      { method: "POST", path: "/Users", bulkId: "ub", data: b },
      { method: "PATCH", path: "/Users/bulkId:ua", data: patchBody({ op: "replace", path: "title", value: "Bulk title" }) },
      { method: "DELETE", path: "/Users/bulkId:ub" },
    ]));
    expect(r.status).toBe(200);
    expect(r.json.schemas).toEqual([BULK_RESPONSE]);
    const [ca, cg, cb, pa, db_] = ops(r);
    expect(ca).toMatchObject({ method: "POST", bulkId: "ua", status: "201" });
    expect(cb).toMatchObject({ method: "POST", bulkId: "ub", status: "201" });
    expect(cg).toMatchObject({ method: "POST", bulkId: "g1", status: "201" }); // it waited for ub, created after it
    expect(pa).toMatchObject({ method: "PATCH", status: "204" });
    expect(db_).toMatchObject({ method: "DELETE", status: "204" });
    const idA = ca!.location!.split("/").pop()!;
    const idB = cb!.location!.split("/").pop()!;
    expect(ca!.location).toBe(`${org.client.base}/Users/${idA}`);
    expect(pa!.location).toBe(`${org.client.base}/Users/${idA}`);
    expect(pa!.version).toMatch(/^W\/"\d+"$/);
    const userA = (await org.client.get(`/Users/${idA}`)).json;
    expect(userA).toMatchObject({ userName: a.userName, title: "Bulk title" });
    expect(userA.meta.version).toBe(pa!.version);
    expect((await org.client.get(`/Users/${idB}`)).status).toBe(404);
    const group = (await org.client.get(cg!.location!.replace(org.client.base, ""))).json;
    expect(group.members?.map((m) => m.value)).toEqual([idA]); // ub was a member until its DELETE
  });

  it("a reference to nothing, or round in a circle, is a 409 for that operation alone", async () => {
    const r = await org.client.post("/Bulk", bulk([
      { method: "POST", path: "/Groups", bulkId: "x", data: { schemas: [GROUP], displayName: `Orphan ${Date.now()}`, members: [{ value: "bulkId:nobody" }] } },
      { method: "PATCH", path: "/Users/bulkId:cycle2", bulkId: "cycle1", data: patchBody({ op: "replace", path: "title", value: "bulkId:cycle2" }) },
      { method: "POST", path: "/Users", bulkId: "cycle2", data: newUser({ title: "bulkId:cycle1" }) },
      { method: "POST", path: "/Users", bulkId: "fine", data: newUser() },
    ]));
    expect(r.status).toBe(200);
    const [orphan, c1, c2, fine] = ops(r);
    expect(orphan).toMatchObject({ bulkId: "x", status: "409", response: { schemas: [ERROR], scimType: "invalidValue" } });
    expect(orphan!.response!.detail).toContain("bulkId:nobody");
    expect(c1!.status).toBe("409");
    expect(c2!.status).toBe("409");
    expect(fine!.status).toBe("201");
  });

  it("failOnErrors stops after that many failures: the rest are not run", async () => {
    const late = newUser();
    const r = await org.client.post("/Bulk", bulk([
      { method: "DELETE", path: "/Users/00000000-0000-4000-8000-000000000000" },
      { method: "PATCH", path: "/Groups/00000000-0000-4000-8000-000000000000", data: patchBody({ op: "replace", path: "displayName", value: "x" }) },
      { method: "POST", path: "/Users", bulkId: "late", data: late },
    ], { failOnErrors: 2 }));
    expect(r.status).toBe(200);
    expect(ops(r).map((o) => o.status)).toEqual(["404", "404"]);
    expect((await org.client.get(`/Users?filter=${encodeURIComponent(`userName eq "${late.userName}"`)}`)).json.totalResults).toBe(0);
  });

  it.each([
    ["an unknown method", { method: "GET", path: "/Users" }, "400", "invalidSyntax"],
    ["a POST without bulkId", { method: "POST", path: "/Users", data: newUser() }, "400", "invalidSyntax"],
    ["a path that is not one", { method: "DELETE", path: "Users/x" }, "400", "invalidSyntax"],
    ["a PATCH without data", { method: "PATCH", path: "/Users/x" }, "400", "invalidSyntax"],
    ["another bulk inside", { method: "POST", path: "/Bulk", bulkId: "nested", data: bulk([]) }, "400", "invalidSyntax"],
    ["an unknown endpoint", { method: "DELETE", path: "/Devices/1" }, "404", undefined],
    ["a method the endpoint lacks", { method: "PUT", path: "/Users", data: newUser() }, "405", undefined],
    ["an invalid user", { method: "POST", path: "/Users", bulkId: "bad", data: { schemas: [USER], userName: "no-email-anywhere" } }, "400", "invalidValue"],
    ["a stale version", { method: "DELETE", path: "/Users/:id", version: 'W/"999"' }, "412", undefined],
  ])("%s fails on its own, with the status and error its request would get", async (_, op, status, scimType) => {
    const victim = (await org.client.post("/Users", newUser())).json;
    const fine = newUser();
    const r = await org.client.post("/Bulk", bulk([{ ...op, path: (op.path as string).replace(":id", victim.id) }, { method: "POST", path: "/Users", bulkId: "fine", data: fine }]));
    expect(r.status).toBe(200);
    const [failed, ok] = ops(r);
    expect(failed).toMatchObject({ status, response: { schemas: [ERROR], status } });
    if (scimType) expect(failed!.response!.scimType).toBe(scimType);
    expect(ok!.status).toBe("201");
    expect((await org.client.get(`/Users/${victim.id}`)).status).toBe(200);
  });

  it("a body over maxPayloadSize is a 413, and nothing is written", async () => {
    const huge = newUser({ title: "x".repeat(1024 * 1024) });
    const r = await org.client.post("/Bulk", bulk([{ method: "POST", path: "/Users", bulkId: "huge", data: huge }]));
    expect(r.status).toBe(413);
    expect(r.json.schemas).toEqual([ERROR]);
    expect((await org.client.get(`/Users?filter=${encodeURIComponent(`userName eq "${huge.userName}"`)}`)).json.totalResults).toBe(0);
  });

  it("reaches only the caller's organisation", async () => {
    const other = await makeScimOrg();
    const theirs = (await other.client.post("/Users", newUser())).json;
    const r = await org.client.post("/Bulk", bulk([
      { method: "DELETE", path: `/Users/${theirs.id}` },
      { method: "PATCH", path: `/Users/${theirs.id}`, data: patchBody({ op: "replace", path: "title", value: "hijacked" }) },
      { method: "POST", path: "/Groups", bulkId: "g", data: { schemas: [GROUP], displayName: `Steal ${Date.now()}`, members: [{ value: theirs.id }] } },
    ]));
    expect(ops(r).map((o) => o.status)).toEqual(["404", "404", "400"]);
    const still = await other.client.get(`/Users/${theirs.id}`);
    expect(still.status).toBe(200);
    expect(still.json.title).toBeUndefined();
  });

  it("parallel bulk requests claim seats exactly: 40 creates into 10 free seats make 10 members", async () => {
    const small = await makeScimOrg({ seats: 10 });
    const requests = Array.from({ length: 4 }, (_, k) =>
      small.client.post("/Bulk", bulk(Array.from({ length: 10 }, (_, i) => ({ method: "POST", path: "/Users", bulkId: `u${k}-${i}`, data: newUser() })))),
    );
    const statuses = (await Promise.all(requests)).flatMap((r) => ops(r).map((o) => o.status));
    expect(statuses.filter((s) => s === "201")).toHaveLength(10);
    expect(statuses.filter((s) => s === "403")).toHaveLength(30);
    const { db: d } = await db();
    const [seats] = await d.select().from(organisationSeats).where(eq(organisationSeats.orgId, small.id));
    expect(seats).toMatchObject({ seats: 10, held: 10 });
    const [count] = await d.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.orgId, small.id));
    expect(count!.n).toBe(10);
  });

  it("every operation has its own provisioning-log row, beside the bulk request's", async () => {
    const logged = await makeScimOrg();
    await logged.client.post("/Bulk", bulk([
      { method: "POST", path: "/Users", bulkId: "one", data: newUser() },
      { method: "DELETE", path: "/Users/00000000-0000-4000-8000-000000000000" },
    ]));
    const rows = await logRows(logged.id, 3);
    expect(rows.map((r) => [r.method, r.status, r.operation])).toEqual(
      expect.arrayContaining([
        ["POST", 201, "bulk create"],
        ["DELETE", 404, "bulk delete"],
        ["POST", 200, "bulk"],
      ]),
    );
  });

  it("each operation counts against the token's rate limit", async () => {
    const limited = await makeScimOrg();
    const client = new ScimClient(`${ctx().limitedUrls[0]}/api/scim/v2`, limited.token);
    const r = await client.post("/Bulk", bulk(Array.from({ length: ctx().rateLimit + 1 }, (_, i) => ({ method: "DELETE", path: `/Users/00000000-0000-4000-8000-00000000000${i % 10}` }))));
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
