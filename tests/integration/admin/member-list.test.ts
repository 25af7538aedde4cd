import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers, groups } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { memberships } from "@/lib/db/schema";
import { listMembers, memberDisplayName, SEARCH_CAP } from "@/lib/orgs/member-list";
import { matchSearch } from "@/lib/orgs/member-search";
import { addMember } from "../../helpers/admin-fixtures";
import { makeOrg } from "../../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let orgId: string;
let otherOrgId: string;
let engineering: string;
const people: Record<string, { membershipId: string; email: string }> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const org = await makeOrg(t.db, { seats: 20 }); // owner Olive Owner
  orgId = org.id;
  people.zoe = await addMember(t.db, orgId, { given: "Zoe", family: "Adams", role: "admin" });
  people.adam = await addMember(t.db, orgId, { given: "Adam", family: "Zimmer", state: "invited" });
  people.mia = await addMember(t.db, orgId, { given: "Mia", family: "Percent_Sign", state: "deactivated" });
  people.bob = await addMember(t.db, orgId, { given: "Bob", family: "Builder", email: `bob.builder-${Date.now()}@acme.test` });
  const [g] = await t.db.insert(groups).values({ orgId, displayName: "Engineering" }).returning();
  engineering = g!.id;
  await t.db.insert(groupMembers).values([
    { orgId, groupId: engineering, membershipId: people.zoe.membershipId },
    { orgId, groupId: engineering, membershipId: people.bob.membershipId },
  ]);
  const other = await makeOrg(t.db);
  otherOrgId = other.id;
  await addMember(t.db, otherOrgId, { given: "Zoe", family: "Elsewhere" });
});
afterAll(async () => {
  await t?.drop();
});

const list = (q: Partial<Parameters<typeof listMembers>[1]> = {}) => listMembers(t.db, { orgId, page: 1, pageSize: 25, ...q });
const names = (r: Awaited<ReturnType<typeof list>>) => r.rows.map((m) => memberDisplayName(m));

describe(`member list (${testDriver()})`, () => {
  it("sorts by the name people read, both ways, and counts exactly", async () => {
    const asc = await list();
    expect(names(asc)).toEqual(["Adam Zimmer", "Bob Builder", "Mia Percent_Sign", "Olive Owner", "Zoe Adams"]);
    expect(asc.total).toBe(5);
    expect(asc.totalIsCapped).toBe(false);
    expect(names(await list({ dir: "desc" }))).toEqual(["Zoe Adams", "Olive Owner", "Mia Percent_Sign", "Bob Builder", "Adam Zimmer"]);
  });

  it("filters by state, role and group; only this organisation's members", async () => {
    expect(names(await list({ state: "invited" }))).toEqual(["Adam Zimmer"]);
    expect(names(await list({ state: "deactivated" }))).toEqual(["Mia Percent_Sign"]);
    expect(names(await list({ role: "admin" }))).toEqual(["Zoe Adams"]);
    expect(names(await list({ role: "owner" }))).toEqual(["Olive Owner"]);
    const eng = await list({ groupId: engineering });
    expect(names(eng)).toEqual(["Bob Builder", "Zoe Adams"]);
    expect(eng.rows[0]!.groups).toEqual([{ id: engineering, name: "Engineering" }]);
    expect(names(await list({ groupId: engineering, role: "admin" }))).toEqual(["Zoe Adams"]);
    // A group larger than the cap is filtered while walking the list instead of fetched by id: same answer.
    expect(await list({ groupId: engineering, searchCap: 0 })).toMatchObject({ total: 2 });
    expect(names(await list({ groupId: engineering, searchCap: 0, dir: "desc" }))).toEqual(["Zoe Adams", "Bob Builder"]);
  });

  it("searches name, email and userName case-insensitively; LIKE wildcards are literal", async () => {
    expect(names(await list({ search: "zoe" }))).toEqual(["Zoe Adams"]);
    expect(names(await list({ search: "BOB.BUILDER" }))).toEqual(["Bob Builder"]);
    expect(names(await list({ search: "adam" }))).toEqual(["Adam Zimmer", "Zoe Adams"]);
    expect(names(await list({ search: "t_s" }))).toEqual(["Mia Percent_Sign"]);
    expect(names(await list({ search: "%" }))).toEqual([]);
    expect((await list({ search: "nobody-here" })).total).toBe(0);
  });

  it("pages in the database and keeps the total", async () => {
    const p1 = await list({ pageSize: 2 });
    const p3 = await list({ pageSize: 2, page: 3 });
    expect(names(p1)).toEqual(["Adam Zimmer", "Bob Builder"]);
    expect(names(p3)).toEqual(["Zoe Adams"]);
    expect(p3.total).toBe(5);
  });

  it("sorts by state and role", async () => {
    const byState = await list({ sort: "state" });
    expect(byState.rows.map((r) => r.state)).toEqual(["invited", "active", "active", "active", "deactivated"]);
    const byRole = await list({ sort: "role" });
    expect(byRole.rows.map((r) => r.role)).toEqual(["owner", "admin", "user", "user", "user"]);
  });

  it("a broad search stops counting at the cap, says so, and still sorts and filters", async () => {
    // Every member but Bob has an @example.com address (the owner, Zoe, Adam, Mia).
    const broad = await list({ search: "example.com", searchCap: 2 });
    expect(broad).toMatchObject({ total: 2, totalIsCapped: true });
    expect(names(broad)).toEqual(["Adam Zimmer", "Mia Percent_Sign", "Olive Owner", "Zoe Adams"]);
    expect(names(await list({ search: "example.com", searchCap: 2, state: "active" }))).toEqual(["Olive Owner", "Zoe Adams"]);
    const exact = await list({ search: "example.com", searchCap: 4 });
    expect(exact).toMatchObject({ total: 4, totalIsCapped: false });
    expect(names(exact)).toEqual(names(broad));
    expect(SEARCH_CAP).toBe(10_000);
  });

  it("a member matching on both the account and the membership is listed and counted once", async () => {
    // userName defaults to the email, so an email search matches both halves of the search.
    const r = await list({ search: "bob.builder" });
    expect(r).toMatchObject({ total: 1, totalIsCapped: false });
    expect(names(r)).toEqual(["Bob Builder"]);
  });

  it("one or two characters match the start of a word", async () => {
    expect(names(await list({ search: "zi" }))).toEqual(["Adam Zimmer"]); // family name
    expect(names(await list({ search: "Zo" }))).toEqual(["Zoe Adams"]);
    // Their emails start "m-…@example.com"; Bob and the owner have none starting with m.
    expect(names(await list({ search: "m" }))).toEqual(["Adam Zimmer", "Mia Percent_Sign", "Zoe Adams"]);
    expect(names(await list({ search: "oe" }))).toEqual([]); // inside "Zoe": needs three characters
  });

  it("the broad path (many matches) pages through the same members in the same order", async () => {
    for (const [search, sort, dir] of [
      ["example", "name", "asc"],
      ["m", "state", "asc"],
      ["a", "name", "desc"],
      ["example", "role", "desc"],
      ["example", "email", "asc"],
      ["example", "created", "desc"],
    ] as const) {
      const exact = await list({ search, sort, dir, pageSize: 2, page: 2 });
      const broad = await list({ search, sort, dir, pageSize: 2, page: 2, searchCap: 0 });
      // One row per batch: every step of the walk goes through the keyset comparison.
      const walked = await list({ search, sort, dir, pageSize: 2, page: 2, searchCap: 0, walkBatch: 1 });
      expect(walked.rows.map((r) => r.id)).toEqual(exact.rows.map((r) => r.id));
      expect(broad.totalIsCapped).toBe(true);
      expect(broad.rows.map((r) => r.id)).toEqual(exact.rows.map((r) => r.id));
    }
    const filters = [eq(memberships.orgId, orgId)];
    expect(await matchSearch(t.db, filters, "nobody", 0)).toEqual({ kind: "few", ids: [] });
    expect((await matchSearch(t.db, filters, "adam", 0)).kind).toBe("many");
  });

  it("Next and Previous by position give the same pages as page numbers, in every sort and both directions", async () => {
    for (const sort of ["name", "email", "state", "role", "created"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const byNumber = await Promise.all([1, 2, 3].map((page) => list({ sort, dir, page, pageSize: 2 })));
        const ids = (r: Awaited<ReturnType<typeof list>>) => r.rows.map((m) => m.id);
        const p2 = await list({ sort, dir, page: 2, pageSize: 2, after: byNumber[0]!.lastCursor });
        expect(ids(p2), `${sort} ${dir} next`).toEqual(ids(byNumber[1]!));
        const p3 = await list({ sort, dir, page: 3, pageSize: 2, after: p2.lastCursor });
        expect(ids(p3), `${sort} ${dir} next again`).toEqual(ids(byNumber[2]!));
        const back = await list({ sort, dir, page: 2, pageSize: 2, before: p3.firstCursor });
        expect(ids(back), `${sort} ${dir} previous`).toEqual(ids(byNumber[1]!));
        expect(p3.total).toBe(5);
      }
    }
    // A cursor that does not fit the sort (an edited link) is ignored: the page number decides.
    const fallback = await list({ sort: "email", page: 2, pageSize: 2, after: "bm90LWEtY3Vyc29y" });
    expect(fallback.rows.map((m) => m.id)).toEqual((await list({ sort: "email", page: 2, pageSize: 2 })).rows.map((m) => m.id));
  });
});
