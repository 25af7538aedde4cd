import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, scimTokens } from "@/lib/db/schema";
import { setScimEnabled } from "@/lib/orgs/organisations";
import { createScimToken, revokeScimToken } from "@/lib/orgs/scim-tokens";
import { ctx, db, ERROR, logRows, makeScimOrg, newUser, operator, patchBody, ScimClient, USER, type ScimOrg, type ScimBody } from "./support";

let org: ScimOrg;
let userId: string;
beforeAll(async () => {
  org = await makeScimOrg({ seats: 20 });
  const created = await org.client.post("/Users", newUser());
  userId = created.json.id;
});

function expectScimError(r: { status: number; json: ScimBody; headers: Headers }, status: number, scimType?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toBe("application/scim+json");
  expect(r.json.schemas).toEqual([ERROR]);
  expect(r.json.status).toBe(String(status));
  expect(typeof r.json.detail).toBe("string");
  expect(r.json.detail.length).toBeGreaterThan(10);
  if (scimType) expect(r.json.scimType).toBe(scimType);
  else expect(r.json.scimType).toBeUndefined();
}

describe("authentication", () => {
  it.each([
    ["no Authorization header", {}],
    ["Okta's 'non-token'", { Authorization: "non-token" }],
    ["another scheme", { Authorization: "Basic dXNlcjpwYXNz" }],
    ["an unknown token", { Authorization: "Bearer scim_notarealtokennotarealtokennotarealtoken0000" }],
    ["a token without our prefix", { Authorization: "Bearer abc" }],
    ["an absurdly long token", { Authorization: `Bearer scim_${"x".repeat(5000)}` }],
  ])("401 with WWW-Authenticate for %s", async (_, headers) => {
    const client = new ScimClient(org.client.base, "");
    const r = await client.get("/Users", headers);
    expectScimError(r, 401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("a revoked token is refused; another live token of the organisation keeps working (rotation)", async () => {
    const { db: d } = await db();
    const second = await createScimToken(d, { orgId: org.id, actor: operator });
    const third = await createScimToken(d, { orgId: org.id, actor: operator });
    await revokeScimToken(d, { orgId: org.id, tokenId: second.id, actor: operator });
    const revoked = await new ScimClient(org.client.base, second.token).get("/Users");
    expectScimError(revoked, 401);
    expect(revoked.json.detail).toMatch(/revoked/);
    expect((await new ScimClient(org.client.base, third.token).get("/Users")).status).toBe(200);
    expect((await org.client.get("/Users")).status).toBe(200);
  });

  it("an expired token is refused", async () => {
    const { db: d } = await db();
    const t = await createScimToken(d, { orgId: org.id, actor: operator, expiresAt: new Date(Date.now() + 60_000) });
    await d.update(scimTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(scimTokens.id, t.id));
    const r = await new ScimClient(org.client.base, t.token).get("/Users");
    expectScimError(r, 401);
    expect(r.json.detail).toMatch(/expired/);
  });

  it("SCIM turned off for the organisation: 403 that says so; back on, the token works again", async () => {
    const other = await makeScimOrg();
    const { db: d } = await db();
    await setScimEnabled(d, other.id, false, operator);
    const r = await other.client.get("/Users");
    expectScimError(r, 403);
    expect(r.json.detail).toContain("turned off");
    await setScimEnabled(d, other.id, true, operator);
    expect((await other.client.get("/Users")).status).toBe(200);
  });

  it("records last use of the token", async () => {
    const { db: d } = await db();
    const [row] = await d.select().from(scimTokens).where(eq(scimTokens.id, org.tokenId));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe("bodies and content types", () => {
  it("413 over 1 MiB, declared or streamed, and nothing is written", async () => {
    const big = newUser({ title: "x".repeat(1024 * 1024) });
    expectScimError(await org.client.post("/Users", big), 413);
    const res = await fetch(`${org.client.base}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${org.token}`, "Content-Type": "application/scim+json" },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode(" ".repeat(64 * 1024)));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it.each([
    ["application/scim+json", 201],
    ["application/scim+json; charset=utf-8", 201],
    ["application/json", 201],
    ["application/json; charset=UTF-8", 201],
    ["text/plain", 415],
    ["application/x-www-form-urlencoded", 415],
  ])("Content-Type %s → %i", async (type, status) => {
    const r = await org.client.request("POST", "/Users", { raw: JSON.stringify(newUser()), headers: { "Content-Type": type } });
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toBe("application/scim+json");
  });
});

describe("bad input: the precise 4xx, and nothing written", () => {
  const usersBefore = async () => {
    const { db: d } = await db();
    const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.orgId, org.id));
    return row!.n;
  };

  const cases: [string, string, string, (() => string | object) | undefined, number, string | undefined][] = [
    ["POST /Users malformed JSON", "POST", "/Users", () => '{"userName": ', 400, "invalidSyntax"],
    ["POST /Users empty body", "POST", "/Users", () => "", 400, "invalidSyntax"],
    ["POST /Users JSON array", "POST", "/Users", () => "[]", 400, "invalidSyntax"],
    ["POST /Users no userName", "POST", "/Users", () => ({ schemas: [USER], emails: [{ value: "a@b.example", primary: true }] }), 400, "invalidValue"],
    ["POST /Users blank userName", "POST", "/Users", () => newUser({ userName: "   " }), 400, "invalidValue"],
    ["POST /Users userName of 300 chars", "POST", "/Users", () => newUser({ userName: `${"a".repeat(290)}@x.example` }), 400, "invalidValue"],
    ["POST /Users userName is a number-free object", "POST", "/Users", () => newUser({ userName: { a: 1 } }), 400, "invalidValue"],
    ["POST /Users no email anywhere", "POST", "/Users", () => ({ userName: "jdoe", name: { givenName: "J" } }), 400, "invalidValue"],
    ["POST /Users invalid primary email", "POST", "/Users", () => newUser({ emails: [{ value: "not-an-email", primary: true }] }), 400, "invalidValue"],
    ["POST /Users active is 'maybe'", "POST", "/Users", () => newUser({ active: "maybe" }), 400, "invalidValue"],
    ["POST /Users name is a string", "POST", "/Users", () => newUser({ name: "Jane Doe" }), 400, "invalidValue"],
    ["POST /Users NUL in displayName", "POST", "/Users", () => newUser({ displayName: "a\u0000b" }), 400, "invalidValue"],
    ["POST /Users string over 2048", "POST", "/Users", () => newUser({ title: "t".repeat(3000) }), 400, "invalidValue"],
    ["POST /Users enterprise extension not an object", "POST", "/Users", () => newUser({ "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": "x" }), 400, "invalidValue"],
    ["PUT /Users/{id} no userName", "PUT", "/Users/:id", () => ({ schemas: [USER], userame: "typo" }), 400, "invalidValue"],
    ["PUT /Users/{id} malformed JSON", "PUT", "/Users/:id", () => "{", 400, "invalidSyntax"],
    ["PATCH no Operations", "PATCH", "/Users/:id", () => ({ schemas: [] }), 400, "invalidSyntax"],
    ["PATCH empty Operations", "PATCH", "/Users/:id", () => patchBody(), 400, "invalidSyntax"],
    ["PATCH unknown op", "PATCH", "/Users/:id", () => patchBody({ op: "merge", path: "title", value: "x" }), 400, "invalidSyntax"],
    ["PATCH add without value", "PATCH", "/Users/:id", () => patchBody({ op: "add", path: "title" }), 400, "invalidSyntax"],
    ["PATCH remove without path", "PATCH", "/Users/:id", () => patchBody({ op: "remove" }), 400, "noTarget"],
    ["PATCH no path and a string value", "PATCH", "/Users/:id", () => patchBody({ op: "replace", value: "x" }), 400, "invalidSyntax"],
    ["PATCH unparsable path", "PATCH", "/Users/:id", () => patchBody({ op: "replace", path: 'emails[type eq "work"', value: "x" }), 400, "invalidPath"],
    ["PATCH path is a number", "PATCH", "/Users/:id", () => patchBody({ op: "replace", path: 7, value: "x" }), 400, "invalidPath"],
    ["PATCH filter on a single-valued attribute", "PATCH", "/Users/:id", () => patchBody({ op: "replace", path: 'userName[value eq "x"]', value: "x" }), 400, "invalidPath"],
    ["PATCH replace a read-only attribute", "PATCH", "/Users/:id", () => patchBody({ op: "replace", path: "groups", value: [] }), 400, "mutability"],
    ["PATCH remove userName", "PATCH", "/Users/:id", () => patchBody({ op: "remove", path: "userName" }), 400, "mutability"],
    ["PATCH remove active", "PATCH", "/Users/:id", () => patchBody({ op: "remove", path: "active" }), 400, "mutability"],
    ["PATCH remove every email", "PATCH", "/Users/:id", () => patchBody({ op: "remove", path: "emails" }), 400, "mutability"],
    ["PATCH a read-only sub-attribute", "PATCH", "/Users/:id", () => patchBody({ op: "replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName", value: "Boss" }), 400, "mutability"],
    ["PATCH the whole extension with a string", "PATCH", "/Users/:id", () => patchBody({ op: "add", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", value: "Sales" }), 400, "invalidValue"],
    ["POST several emails, none primary or work, userName not an address", "POST", "/Users", () => ({ schemas: [USER], userName: "no-address", emails: [{ value: "a@x.example", type: "home" }, { value: "b@x.example", type: "other" }] }), 400, "invalidValue"],
    ["PATCH active to 'yes'", "PATCH", "/Users/:id", () => patchBody({ op: "replace", path: "active", value: "yes" }), 400, "invalidValue"],
    ["PATCH no match for a complex filter", "PATCH", "/Users/:id", () => patchBody({ op: "replace", path: 'emails[value co "nowhere"].type', value: "home" }), 400, "noTarget"],
    ["PATCH 1001 operations", "PATCH", "/Users/:id", () => patchBody(...Array.from({ length: 1001 }, () => ({ op: "add", path: "title", value: "x" }))), 400, "tooMany"],
    ["GET bad filter", "GET", "/Users?filter=userName%20eq", undefined, 400, "invalidFilter"],
    ["GET filter unknown operator", "GET", "/Users?filter=userName%20is%20%22x%22", undefined, 400, "invalidFilter"],
    ["GET filter unknown attribute", "GET", "/Users?filter=shoeSize%20eq%20%2242%22", undefined, 400, "invalidFilter"],
    ["GET filter gt on a boolean", "GET", "/Users?filter=active%20gt%20true", undefined, 400, "invalidFilter"],
    ["GET filter a date that is not one", "GET", "/Users?filter=meta.created%20gt%20%22yesterday%22", undefined, 400, "invalidFilter"],
    ["GET filter co on an id", "GET", "/Users?filter=id%20co%20%22a%22", undefined, 400, "invalidFilter"],
    ["GET sort by a multi-valued attribute", "GET", "/Users?sortBy=emails", undefined, 400, "invalidFilter"],
    ["GET bad sortOrder", "GET", "/Users?sortBy=userName&sortOrder=sideways", undefined, 400, "invalidValue"],
    ["GET non-integer count", "GET", "/Users?count=ten", undefined, 400, "invalidValue"],
    ["GET non-integer startIndex", "GET", "/Users?startIndex=1.5", undefined, 400, "invalidValue"],
    ["POST /Groups no displayName", "POST", "/Groups", () => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"] }), 400, "invalidValue"],
    ["POST /Groups unknown member", "POST", "/Groups", () => ({ displayName: "G-unknown", members: [{ value: "7d7c4f8e-0000-4000-8000-000000000000" }] }), 400, "invalidValue"],
    ["POST /Groups member without value", "POST", "/Groups", () => ({ displayName: "G-novalue", members: [{ display: "x" }] }), 400, "invalidValue"],
    ["GET /Groups bad filter", "GET", "/Groups?filter=displayName%20eq%20%22x%22%20and", undefined, 400, "invalidFilter"],
    ["GET /Groups filter on an unknown attribute", "GET", "/Groups?filter=color%20eq%20%22red%22", undefined, 400, "invalidFilter"],
    ["unknown endpoint", "GET", "/Widgets", undefined, 404, undefined],
    ["the base URL itself", "GET", "", undefined, 404, undefined],
    ["unknown user id", "GET", "/Users/2b6b3b2e-0000-4000-8000-000000000000", undefined, 404, undefined],
    ["a user id that is not a UUID", "GET", "/Users/010101001010101011001010101011", undefined, 404, undefined],
    ["DELETE an unknown group", "DELETE", "/Groups/not-a-group", undefined, 404, undefined],
    ["PUT on the Users collection", "PUT", "/users", () => newUser(), 405, undefined],
    ["PUT on the Users collection, exact case", "PUT", "/Users", () => newUser(), 405, undefined],
    ["DELETE on the Users collection", "DELETE", "/Users", undefined, 405, undefined],
    ["DELETE on the Schemas collection", "DELETE", "/Schemas", undefined, 405, undefined],
    ["POST on a user", "POST", "/Users/:id", () => newUser(), 405, undefined],
    ["POST /Users/.search with a filter that is not a string", "POST", "/Users/.search", () => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: 1 }), 400, "invalidValue"],
    ["POST /Users/.search with an unknown field", "POST", "/Users/.search", () => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], fliter: "x" }), 400, "invalidSyntax"],
    ["POST /.search with a bad filter", "POST", "/.search", () => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: "userName zz 1" }), 400, "invalidFilter"],
    ["GET /.search", "GET", "/.search", undefined, 405, undefined],
    ["PUT ServiceProviderConfig", "PUT", "/ServiceProviderConfig", () => ({}), 405, undefined],
    ["POST /Users nested 64 deep", "POST", "/Users", () => `{"userName":"deep@x.example","name":${'{"a":'.repeat(64)}1${"}".repeat(64)}}`, 400, "invalidSyntax"],
    ["PATCH value nested 100000 deep", "PATCH", "/Users/:id", () => `{"Operations":[{"op":"replace","value":${"[".repeat(100000)}${"]".repeat(100000)}}]}`, 400, "invalidSyntax"],
    ["Bulk that is not a BulkRequest", "POST", "/Bulk", () => ({}), 400, "invalidSyntax"],
    ["Bulk with no operations", "POST", "/Bulk", () => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: [] }), 400, "invalidSyntax"],
    ["Bulk with more operations than maxOperations", "POST", "/Bulk", () => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: Array.from({ length: 1001 }, () => ({ method: "DELETE", path: "/Users/x" })) }), 413, undefined],
    ["Bulk with failOnErrors 0", "POST", "/Bulk", () => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], failOnErrors: 0, Operations: [{ method: "DELETE", path: "/Users/x" }] }), 400, "invalidValue"],
    ["GET /Bulk", "GET", "/Bulk", undefined, 405, undefined],
  ];

  it.each(cases)("%s (%s %s)", async (_, method, rawPath, body, status, scimType) => {
    const before = await usersBefore();
    const path = rawPath.replace(":id", userId);
    const b = body?.();
    const r = await org.client.request(method, path, typeof b === "string" ? { raw: b } : b === undefined ? {} : { body: b });
    expectScimError(r, status, scimType);
    expect(await usersBefore()).toBe(before);
  });

  it("the user those requests aimed at is unchanged", async () => {
    const r = await org.client.get(`/Users/${userId}`);
    expect(r.status).toBe(200);
    expect(r.json.meta.version).toBe('W/"1"');
  });
});

describe("responses", () => {
  it("answer application/scim+json with status as a string in errors", async () => {
    const r = await org.client.get("/Users");
    expect(r.headers.get("content-type")).toBe("application/scim+json");
    const e = await org.client.get("/Users/nope");
    expect(e.json.status).toBe("404");
  });

  it("a NUL byte in the path is a 404, and the request still reaches the provisioning log with the requests around it", async () => {
    const logged = await makeScimOrg();
    expect((await logged.client.get("/Groups/%00")).status).toBe(404);
    expect((await logged.client.get("/Users/%00x")).status).toBe(404);
    const rows = await logRows(logged.id, 2);
    expect(rows.map((r) => r.path)).toEqual(["/api/scim/v2/Groups/%00", "/api/scim/v2/Users/%00x"]);
    expect(rows.map((r) => r.status)).toEqual([404, 404]);
  });

  it("the discovery endpoints need the token too", async () => {
    const r = await new ScimClient(`${ctx().appUrl}/api/scim/v2`, "").get("/ServiceProviderConfig");
    expect(r.status).toBe(401);
  });
});
