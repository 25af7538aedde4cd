import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers, groups } from "@/lib/db/schema";
import { COUNT_CAP, listMembers, memberDisplayName } from "@/lib/orgs/member-list";
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

  it("stops counting at the cap and says so; exact below it", async () => {
    const capped = await list({ countCap: 3 });
    expect(capped).toMatchObject({ total: 3, totalIsCapped: true });
    expect(capped.rows).toHaveLength(5);
    expect(await list({ countCap: 5 })).toMatchObject({ total: 5, totalIsCapped: false });
    expect(COUNT_CAP).toBe(10_000);
  });
});
