import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, eventTypes, invitations, memberships, organisationSeats, users } from "@/lib/db/schema";
import { COMPRESS_FROM_BYTES } from "@/lib/scim/http/handler";
import { db, ENTERPRISE, logRows, makeScimOrg, newUser, patchBody, USER, type ScimClient, type ScimOrg, type ScimBody } from "./support";

let org: ScimOrg;
beforeAll(async () => {
  org = await makeScimOrg({ seats: 40, owner: true });
});

async function membership(id: string) {
  const { db: d } = await db();
  const [row] = await d.select().from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.id, id));
  return row;
}
async function seatsHeld(orgId: string) {
  const { db: d } = await db();
  const [row] = await d.select({ held: organisationSeats.held }).from(organisationSeats).where(eq(organisationSeats.orgId, orgId));
  return row!.held;
}

describe("POST /Users", () => {
  it("201 with the full resource, Location and ETag; an invited member holding a seat, a default event type and an invitation email", async () => {
    const held = await seatsHeld(org.id);
    const body = newUser({ displayName: "Ada L", externalId: "okta-1", password: "secret!", groups: [], locale: "en-US", roles: [{ value: "admin" }] });
    const r = await org.client.post("/Users", body);
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`${org.client.base}/Users/${r.json.id}`);
    expect(r.headers.get("etag")).toBe('W/"1"');
    expect(r.json).toMatchObject({
      schemas: [USER],
      userName: body.userName,
      displayName: "Ada L",
      externalId: "okta-1",
      active: true,
      name: body.name,
      emails: body.emails,
      meta: { resourceType: "User", location: `${org.client.base}/Users/${r.json.id}`, version: 'W/"1"' },
    });
    expect(r.json.password).toBeUndefined();
    expect(r.json.roles).toBeUndefined();
    expect(Date.parse(r.json.meta.created)).not.toBeNaN();
    const row = await membership(r.json.id);
    expect(row?.memberships).toMatchObject({ state: "invited", role: "user", source: "scim", orgId: org.id });
    expect(row?.users.email).toBe(body.userName);
    expect(await seatsHeld(org.id)).toBe(held + 1);
    const { db: d } = await db();
    expect(await d.select().from(eventTypes).where(and(eq(eventTypes.membershipId, r.json.id), eq(eventTypes.isDefault, true)))).toHaveLength(1);
    expect(await d.select().from(invitations).where(eq(invitations.membershipId, r.json.id))).toHaveLength(1);
    const mails = await d.select().from(emailOutbox).where(eq(emailOutbox.to, body.userName));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(org.name);
  });

  it("ignores what Roster does not store and notes it in the provisioning log, without the password's value", async () => {
    const target = await makeScimOrg();
    const r = await target.client.post("/Users", newUser({ password: "hunter2-secret", roles: [{ value: "admin" }], photos: [] }));
    expect(r.status).toBe(201);
    const [row] = await logRows(target.id, 1);
    expect(row).toMatchObject({ method: "POST", status: 201, resource_type: "User", resource_id: r.json.id, operation: "create", target: r.json.userName });
    expect(row!.ignored_attributes).toEqual(expect.arrayContaining(["password", "roles", "photos"]));
    expect(JSON.stringify(row)).not.toContain("hunter2-secret");
    expect(JSON.stringify(row)).not.toContain(target.token);
  });

  it.each([
    ["primary email", { userName: "jdoe", emails: [{ value: "home@x.example", type: "home" }, { value: "PRIMARY@x.example", type: "other", primary: true }] }, "PRIMARY@x.example"],
    ["work email when none is primary", { userName: "jdoe", emails: [{ value: "home@x.example", type: "home" }, { value: "work@x.example", type: "work" }] }, "work@x.example"],
    ["only email, whatever its type", { userName: "name@x.example", emails: [{ value: "home@x.example", type: "home" }] }, "home@x.example"],
    ["only email, without a type, with a userName that is not an address", { userName: "jdoe", emails: [{ value: "plain@x.example" }] }, "plain@x.example"],
    ["userName when it is an address and several emails are neither primary nor work", { userName: "name@x.example", emails: [{ value: "home@x.example", type: "home" }, { value: "other@x.example", type: "other" }] }, "name@x.example"],
  ])("the login email is the %s", async (_, fields, expected) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const body = JSON.parse(JSON.stringify(fields).replaceAll("@x.example", `.${suffix}@x.example`).replace('"jdoe"', `"jdoe-${suffix}"`));
    const r = await org.client.post("/Users", { schemas: [USER], ...body });
    expect(r.status).toBe(201);
    expect((await membership(r.json.id))?.users.email).toBe(expected.replace("@x.example", `.${suffix}@x.example`));
  });

  it("409 uniqueness for a userName that differs only in case, and for a login email another member uses", async () => {
    const first = newUser();
    expect((await org.client.post("/Users", first)).status).toBe(201);
    const dupName = await org.client.post("/Users", { ...newUser(), userName: first.userName.toUpperCase() });
    expect(dupName.status).toBe(409);
    expect(dupName.json.scimType).toBe("uniqueness");
    const other = await makeScimOrg();
    const dupEmail = await other.client.post("/Users", newUser({ emails: [{ value: first.userName.toUpperCase(), primary: true }] }));
    expect(dupEmail.status).toBe(409);
    expect(dupEmail.json.scimType).toBe("uniqueness");
    expect(dupEmail.json.detail).toContain("already belongs");
  });

  it("links an existing personal account instead of duplicating it", async () => {
    const { db: d } = await db();
    const email = `solo-${Math.random().toString(36).slice(2)}@personal.example`;
    const [solo] = await d.insert(users).values({ email, origin: "personal" }).returning();
    const r = await org.client.post("/Users", newUser({ userName: email, emails: [{ value: email, primary: true }] }));
    expect(r.status).toBe(201);
    expect((await membership(r.json.id))?.users.id).toBe(solo!.id);
    expect(await d.select().from(users).where(sql`lower(${users.email}) = lower(${email})`)).toHaveLength(1);
  });

  it("active: false (or \"False\") creates a deactivated member: no seat, a revoked invitation, no email", async () => {
    const held = await seatsHeld(org.id);
    const r = await org.client.post("/Users", newUser({ active: "False" }));
    expect(r.status).toBe(201);
    expect(r.json.active).toBe(false);
    expect(await seatsHeld(org.id)).toBe(held);
    const { db: d } = await db();
    const [invitation, ...more] = await d.select().from(invitations).where(eq(invitations.membershipId, r.json.id));
    expect(more).toHaveLength(0);
    expect(invitation?.revokedAt).toBeInstanceOf(Date);
    expect(await d.select().from(emailOutbox).where(eq(emailOutbox.to, r.json.userName))).toHaveLength(0);
  });

  it("403 naming the organisation, the count and what to do when no seat is free, and nothing is written", async () => {
    const full = await makeScimOrg({ seats: 1 });
    expect((await full.client.post("/Users", newUser())).status).toBe(201);
    const body = newUser();
    const r = await full.client.post("/Users", body);
    expect(r.status).toBe(403);
    expect(r.json.detail).toBe(`No seats available in ${full.name}: 1 of 1 in use. Add seats on the Billing page, or deactivate a member, then retry.`);
    const { db: d } = await db();
    expect(await d.select().from(users).where(eq(users.email, body.userName))).toHaveLength(0);
  });
});

describe("GET /Users", () => {
  let a: ScimBody;
  let b: ScimBody;
  let filterClient: ScimClient;
  beforeAll(async () => {
    const filterOrg = await makeScimOrg({ seats: 20 });
    filterClient = filterOrg.client;
    a = (await filterOrg.client.post("/Users", newUser({ userName: "Alice.Smith@filter.example", displayName: "Alice Smith", externalId: "ext-A", title: "Engineer", name: { givenName: "Alice", familyName: "Smith" }, emails: [{ value: "Alice.Smith@filter.example", type: "work", primary: true }, { value: "alice@home.example", type: "home" }], [ENTERPRISE]: { employeeNumber: "701", department: "R&D" } }))).json;
    b = (await filterOrg.client.post("/Users", newUser({ userName: "bob.jones@filter.example", displayName: "Bob Jones", externalId: "ext-B", name: { givenName: "Bob", familyName: "Jones" }, emails: [{ value: "bob.jones@filter.example", type: "work", primary: true }] }))).json;
    await filterOrg.client.patch(`/Users/${b.id}`, patchBody({ op: "replace", path: "active", value: false }));
  });
  const client = () => filterClient;
  const ids = async (filter: string) => {
    const r = await client().get(`/Users?filter=${encodeURIComponent(filter)}`);
    expect(r.status).toBe(200);
    expect(r.json.totalResults).toBe(r.json.Resources.length);
    return r.json.Resources.map((u: ScimBody) => u.id).sort();
  };

  it.each([
    ['userName eq "alice.smith@filter.example"', ["a"]],
    ['USERNAME EQ "ALICE.SMITH@FILTER.EXAMPLE"', ["a"]],
    ['userName sw "bob"', ["b"]],
    ['userName ew "@filter.example"', ["a", "b"]],
    ['userName co "smith"', ["a"]],
    ['userName ne "bob.jones@filter.example"', ["a"]],
    ['externalId eq "ext-A"', ["a"]],
    ['externalId eq "EXT-A"', []],
    ['displayName eq "bob jones"', ["b"]],
    ['name.familyName eq "Smith"', ["a"]],
    ['name.givenName sw "B" or name.familyName eq "Smith"', ["a", "b"]],
    ["active eq false", ["b"]],
    ['active eq "True"', ["a"]],
    ['emails[type eq "work"].value eq "bob.jones@filter.example"', ["b"]],
    ['emails[type eq "home" and value co "alice"]', ["a"]],
    ['emails.value eq "alice@home.example"', ["a"]],
    ['emails co "home.example"', ["a"]],
    ['emails[type eq "home"].value eq "bob.jones@filter.example"', []],
    ["title pr", ["a"]],
    ["not (title pr)", ["b"]],
    ['not (userName eq "alice.smith@filter.example") and active eq false', ["b"]],
    ['(userName sw "a" or userName sw "b") and not (active eq false)', ["a"]],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701"', ["a"]],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department co "r&d"', ["a"]],
    ['meta.created gt "2000-01-01T00:00:00Z"', ["a", "b"]],
    ['meta.lastModified lt "2000-01-01T00:00:00Z"', []],
    ['id eq "not-a-uuid"', []],
    ["userName eq \"nobody@filter.example\"", []],
  ])("%s", async (filter, expected) => {
    const want = expected.map((k) => (k === "a" ? a.id : b.id)).sort();
    expect(await ids(filter)).toEqual(want);
  });

  it("id eq finds by id; '+' in a query string is a space", async () => {
    expect(await ids(`id eq "${a.id}"`)).toEqual([a.id]);
    const r = await client().get(`/Users?filter=userName+eq+%22bob.jones%40filter.example%22`);
    expect(r.json.totalResults).toBe(1);
  });

  it("no match is 200 with an empty list (Entra's Test Connection)", async () => {
    const r = await client().get(`/Users?filter=userName+eq+%22${crypto.randomUUID()}%22`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it("attributes and excludedAttributes", async () => {
    const only = await client().get(`/Users/${a.id}?attributes=userName,name.givenName,${ENTERPRISE}:department`);
    expect(only.json).toEqual({ schemas: a.schemas, id: a.id, userName: a.userName, name: { givenName: "Alice" }, [ENTERPRISE]: { department: "R&D" } });
    const without = await client().get(`/Users/${a.id}?excludedAttributes=emails,meta,name.familyName`);
    expect(without.json.emails).toBeUndefined();
    expect(without.json.meta).toBeUndefined();
    expect(without.json.name).toEqual({ givenName: "Alice" });
    expect(without.json.id).toBe(a.id);
    const list = await client().get(`/Users?attributes=userName&filter=${encodeURIComponent('userName sw "a"')}`);
    expect(list.json.Resources).toEqual([{ schemas: a.schemas, id: a.id, userName: a.userName }]);
  });

  it("sortBy/sortOrder", async () => {
    const asc = await client().get("/Users?sortBy=userName");
    expect(asc.json.Resources.map((u: ScimBody) => u.userName)).toEqual([a.userName, b.userName]);
    const desc = await client().get("/Users?sortBy=name.familyName&sortOrder=descending");
    expect(desc.json.Resources.map((u: ScimBody) => u.name.familyName)).toEqual(["Smith", "Jones"]);
  });
});

describe("paging", () => {
  it("1-based startIndex, count, totalResults of all matches, stable order without gaps or repeats", async () => {
    const p = await makeScimOrg({ seats: 30 });
    const made: string[] = [];
    for (let i = 0; i < 23; i++) made.push((await p.client.post("/Users", newUser())).json.id);
    const seen: string[] = [];
    for (let start = 1; start <= 23; start += 5) {
      const r = await p.client.get(`/Users?startIndex=${start}&count=5`);
      expect(r.json).toMatchObject({ totalResults: 23, startIndex: start, itemsPerPage: Math.min(5, 24 - start) });
      seen.push(...r.json.Resources.map((u: ScimBody) => u.id));
    }
    expect(seen).toEqual(made);
    expect((await p.client.get("/Users?startIndex=0&count=-3")).json).toMatchObject({ startIndex: 1, itemsPerPage: 0, totalResults: 23, Resources: [] });
    expect((await p.client.get("/Users?startIndex=100")).json).toMatchObject({ totalResults: 23, itemsPerPage: 0 });
    expect((await p.client.get("/Users?count=100000")).json.itemsPerPage).toBe(23);

    // Small answers go uncompressed (gzip costs the server more than it saves); a page of many users is gzipped.
    const gzip = { "Accept-Encoding": "gzip" };
    const one = await p.client.get(`/Users/${made[0]}`, gzip);
    expect(one.headers.get("content-encoding")).toBeNull();
    expect(one.headers.get("cache-control")).toBe("no-store, no-transform");
    const page = await p.client.get("/Users?count=23", gzip);
    expect(page.text.length).toBeGreaterThan(COMPRESS_FROM_BYTES);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect(page.headers.get("cache-control")).toBe("no-store");
  });
});
