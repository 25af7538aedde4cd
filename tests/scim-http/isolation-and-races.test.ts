import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, organisationSeats, users } from "@/lib/db/schema";
import { ctx, db, GROUP, makeScimOrg, newUser, patchBody, ScimClient, type ScimOrg, type ScimBody } from "./support";

describe("organisations are isolated: another organisation's ids are 404 on every endpoint", () => {
  let mine: ScimOrg;
  let theirs: ScimOrg;
  let theirUser: ScimBody;
  let theirGroup: ScimBody;
  let myUser: ScimBody;
  beforeAll(async () => {
    [mine, theirs] = await Promise.all([makeScimOrg(), makeScimOrg()]);
    theirUser = (await theirs.client.post("/Users", newUser())).json;
    myUser = (await mine.client.post("/Users", newUser())).json;
    theirGroup = (await theirs.client.post("/Groups", { schemas: [GROUP], displayName: "Theirs", members: [{ value: theirUser.id }] })).json;
  });

  const attempts: [string, string, (u: string, g: string) => string, (u: ScimBody) => unknown][] = [
    ["GET user", "GET", (u) => `/Users/${u}`, () => undefined],
    ["PUT user", "PUT", (u) => `/Users/${u}`, () => newUser()],
    ["PATCH user", "PATCH", (u) => `/Users/${u}`, () => patchBody({ op: "replace", path: "active", value: false })],
    ["DELETE user", "DELETE", (u) => `/Users/${u}`, () => undefined],
    ["GET group", "GET", (_, g) => `/Groups/${g}`, () => undefined],
    ["PUT group", "PUT", (_, g) => `/Groups/${g}`, () => ({ displayName: "Stolen" })],
    ["PATCH group", "PATCH", (_, g) => `/Groups/${g}`, () => patchBody({ op: "remove", path: "members" })],
    ["DELETE group", "DELETE", (_, g) => `/Groups/${g}`, () => undefined],
  ];
  it.each(attempts)("%s", async (_, method, path, body) => {
    const b = body(theirUser);
    const r = await mine.client.request(method, path(theirUser.id, theirGroup.id), b === undefined ? {} : { body: b });
    expect(r.status).toBe(404);
    expect(r.json.status).toBe("404");
  });

  it("lists and filters never show another organisation's resources", async () => {
    const users = await mine.client.get(`/Users?filter=${encodeURIComponent(`id eq "${theirUser.id}" or userName eq "${theirUser.userName}"`)}`);
    expect(users.json.totalResults).toBe(0);
    const all = await mine.client.get("/Users?count=1000");
    expect(all.json.Resources.map((u: ScimBody) => u.id)).toEqual([myUser.id]);
    const groups = await mine.client.get(`/Groups?filter=${encodeURIComponent(`id eq "${theirGroup.id}"`)}`);
    expect(groups.json.totalResults).toBe(0);
    expect((await mine.client.get("/Groups")).json.totalResults).toBe(0);
  });

  it("another organisation's user cannot be made a member, by POST, PUT or PATCH", async () => {
    const mineGroup = (await mine.client.post("/Groups", { displayName: "Mine" })).json;
    expect((await mine.client.post("/Groups", { displayName: "Mine 2", members: [{ value: theirUser.id }] })).status).toBe(400);
    expect((await mine.client.put(`/Groups/${mineGroup.id}`, { displayName: "Mine", members: [{ value: theirUser.id }] })).status).toBe(400);
    expect((await mine.client.patch(`/Groups/${mineGroup.id}`, patchBody({ op: "add", path: "members", value: [{ value: theirUser.id }] }))).status).toBe(400);
  });

  it("their resources are untouched", async () => {
    const u = await theirs.client.get(`/Users/${theirUser.id}`);
    expect(u.json).toMatchObject({ active: true, userName: theirUser.userName, meta: { version: 'W/"1"' } });
    const g = await theirs.client.get(`/Groups/${theirGroup.id}`);
    expect(g.json).toMatchObject({ displayName: "Theirs", members: [{ value: theirUser.id }] });
  });
});

describe("races (PostgreSQL)", () => {
  it("64 parallel creates into 10 free seats: exactly 10 × 201, the rest 403 seat errors, seats held ≤ seats", async () => {
    const org = await makeScimOrg({ seats: 10 });
    const results = await Promise.all(Array.from({ length: 64 }, () => org.client.post("/Users", newUser())));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 403)).toHaveLength(54);
    for (const r of results.filter((x) => x.status === 403)) expect(r.json.detail).toContain("No seats available");
    const { db: d } = await db();
    const [o] = await d.select().from(organisationSeats).where(eq(organisationSeats.orgId, org.id));
    expect(o!.held).toBe(10);
    const [count] = await d.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.orgId, org.id));
    expect(count!.n).toBe(10);
  });

  it("the same POST retried in parallel creates one user; the others get 409", async () => {
    const org = await makeScimOrg({ seats: 20 });
    const body = newUser();
    const results = await Promise.all(Array.from({ length: 12 }, () => org.client.post("/Users", body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(11);
    const { db: d } = await db();
    expect(await d.select().from(users).where(eq(users.email, body.userName))).toHaveLength(1);
    const [o] = await d.select().from(organisationSeats).where(eq(organisationSeats.orgId, org.id));
    expect(o!.held).toBe(1);
  });

  it("parallel PATCHes of one user do not lose each other's changes", async () => {
    const org = await makeScimOrg();
    const u = (await org.client.post("/Users", newUser())).json;
    const attrs = ["title", "nickName", "userType", "locale", "timezone", "preferredLanguage"];
    await Promise.all(attrs.map((a) => org.client.patch(`/Users/${u.id}`, patchBody({ op: "add", path: a, value: `v-${a}` }))));
    const after = (await org.client.get(`/Users/${u.id}`)).json;
    for (const a of attrs) expect(after[a]).toBe(`v-${a}`);
  });
});

describe("throttling, shared by every app instance", () => {
  it("SCIM_RATE_LIMIT requests a minute per token across two servers, then 429 with an integer Retry-After", async () => {
    const { limitedUrls, rateLimit } = ctx();
    const org = await makeScimOrg({ baseUrl: limitedUrls[0] });
    const a = org.client;
    const b = new ScimClient(`${limitedUrls[1]}/api/scim/v2`, org.token);
    // The window is a calendar minute: do not start right before it turns (same clock as the database here).
    const seconds = new Date().getUTCSeconds();
    if (seconds > 50) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
    const replies = [];
    // Alternate instances: the count is shared, so the limit is reached after rateLimit requests in total.
    for (let i = 0; i < rateLimit + 2; i++) replies.push(await (i % 2 ? b : a).get("/ServiceProviderConfig"));
    expect(replies.map((r) => r.status)).toEqual([...Array(rateLimit).fill(200), 429, 429]);
    const refused = replies[rateLimit]!;
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(refused.json).toMatchObject({ status: "429", schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"] });
    // Another organisation's token has its own budget.
    const other = await makeScimOrg({ baseUrl: limitedUrls[1] });
    expect((await other.client.get("/ServiceProviderConfig")).status).toBe(200);
  });
});
