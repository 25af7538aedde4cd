import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisioningLog } from "@/lib/db/schema";
import { SeatLimitError } from "@/lib/errors";
import { listProvisioningLog, memberTimeline, unresolvedSeatRefusals } from "@/lib/audit/provisioning";
import { existingMemberIds } from "@/lib/orgs/member-lookup";
import { addMember } from "../../helpers/admin-fixtures";
import { makeOrg } from "../../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

type Row = typeof provisioningLog.$inferInsert;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
const seatDetail = (org: string) => new SeatLimitError(org, 5, 5).message;

/** Rows shaped as lib/scim's request handler writes them. */
const create = (orgId: string, target: string, at: Date, status: number, extra: Partial<Row> = {}): Row => ({
  orgId,
  at,
  method: "POST",
  path: "/api/scim/v2/Users",
  resourceType: "User",
  operation: "create",
  target,
  status,
  ...extra,
});

describe(`provisioning log (${testDriver()})`, () => {
  it("seat refusals: one line per person with the latest attempt, cleared by a later success", async () => {
    const org = await makeOrg(t.db);
    const detail = seatDetail(org.name);
    await t.db.insert(provisioningLog).values([
      create(org.id, "kim@acme.test", minutesAgo(50), 403, { detail }),
      create(org.id, "kim@acme.test", minutesAgo(40), 403, { detail }),
      create(org.id, "lee@acme.test", minutesAgo(30), 403, { detail }),
      create(org.id, "lee@acme.test", minutesAgo(20), 201, { resourceId: crypto.randomUUID() }),
      create(org.id, "max@acme.test", minutesAgo(10), 409, { detail: "A user with userName ... already exists", scimType: "uniqueness" }),
      // Another 403 that is not about seats (the owner cannot be deleted) is not a seat refusal.
      create(org.id, "ava@acme.test", minutesAgo(5), 403, { method: "DELETE", operation: "delete", detail: "The owner ..." }),
      // Older than the window: forgotten.
      create(org.id, "old@acme.test", new Date(Date.now() - 40 * 86_400_000), 403, { detail }),
    ]);
    const other = await makeOrg(t.db);
    await t.db.insert(provisioningLog).values(create(other.id, "kim@acme.test", minutesAgo(1), 403, { detail: seatDetail(other.name) }));

    const r = await unresolvedSeatRefusals(t.db, org.id);
    expect(r.total).toBe(1);
    expect(r.rows[0]).toMatchObject({ target: "kim@acme.test", attempts: 2, detail });
    expect(Math.abs(r.rows[0]!.at.getTime() - minutesAgo(40).getTime())).toBeLessThan(5000);

    // The IdP retries Kim after seats were added: the banner clears.
    await t.db.insert(provisioningLog).values(create(org.id, "KIM@acme.test", minutesAgo(0), 201, { resourceId: crypto.randomUUID() }));
    expect((await unresolvedSeatRefusals(t.db, org.id)).total).toBe(0);
  });

  it("a refused reactivation (PATCH on an id) is a refusal too, cleared by a later success on that id", async () => {
    const org = await makeOrg(t.db);
    const id = crypto.randomUUID();
    await t.db.insert(provisioningLog).values(
      create(org.id, "nia@acme.test", minutesAgo(9), 403, {
        method: "PATCH",
        operation: "patch: replace active",
        resourceId: id,
        detail: seatDetail(org.name),
      }),
    );
    expect((await unresolvedSeatRefusals(t.db, org.id)).rows[0]).toMatchObject({ resourceId: id, target: "nia@acme.test" });
    await t.db.insert(provisioningLog).values(create(org.id, "nia@acme.test", minutesAgo(1), 200, { method: "GET", operation: "get", resourceId: id }));
    expect((await unresolvedSeatRefusals(t.db, org.id)).total).toBe(0);
  });

  it("lists newest first with filters and keyset paging", async () => {
    const org = await makeOrg(t.db);
    const rows: Row[] = Array.from({ length: 7 }, (_, i) =>
      create(org.id, `p${i}@acme.test`, minutesAgo(10 - i), i % 2 ? 403 : 201, i % 2 ? { detail: seatDetail(org.name) } : {}),
    );
    rows.push({ ...create(org.id, "Sales", minutesAgo(0), 200), resourceType: "Group", path: "/api/scim/v2/Groups/x", method: "PATCH", operation: "patch: add members" });
    await t.db.insert(provisioningLog).values(rows);
    const all = await listProvisioningLog(t.db, { orgId: org.id, limit: 5 });
    expect(all.rows.map((r) => r.target)).toEqual(["Sales", "p6@acme.test", "p5@acme.test", "p4@acme.test", "p3@acme.test"]);
    const rest = await listProvisioningLog(t.db, { orgId: org.id, limit: 5, before: all.nextBefore! });
    expect(rest.rows.map((r) => r.target)).toEqual(["p2@acme.test", "p1@acme.test", "p0@acme.test"]);
    expect(rest.nextBefore).toBeNull();
    expect((await listProvisioningLog(t.db, { orgId: org.id, outcome: "failure" })).rows.map((r) => r.target)).toEqual([
      "p5@acme.test",
      "p3@acme.test",
      "p1@acme.test",
    ]);
    expect((await listProvisioningLog(t.db, { orgId: org.id, resourceType: "Group" })).rows).toHaveLength(1);
    expect((await listProvisioningLog(t.db, { orgId: org.id, operation: "patch" })).rows.map((r) => r.target)).toEqual(["Sales"]);
    expect((await listProvisioningLog(t.db, { orgId: org.id, target: "P4@" })).rows.map((r) => r.target)).toEqual(["p4@acme.test"]);
  });

  it("a member's timeline: requests on their id and refused creates under their userName", async () => {
    const org = await makeOrg(t.db);
    const id = crypto.randomUUID();
    await t.db.insert(provisioningLog).values([
      create(org.id, "ola@acme.test", minutesAgo(30), 403, { detail: seatDetail(org.name) }),
      create(org.id, "ola@acme.test", minutesAgo(20), 201, { resourceId: id }),
      create(org.id, "ola@acme.test", minutesAgo(10), 200, { method: "PATCH", operation: "patch: replace name.familyName", resourceId: id }),
      create(org.id, "someone@acme.test", minutesAgo(5), 201, { resourceId: crypto.randomUUID() }),
    ]);
    const timeline = await memberTimeline(t.db, { orgId: org.id, membershipId: id, names: ["OLA@acme.test"] });
    expect(timeline.map((e) => e.status)).toEqual([200, 201, 403]);
  });

  it("links a log row to a member only while they are a member of this organisation", async () => {
    const org = await makeOrg(t.db);
    const other = await makeOrg(t.db);
    const ours = await addMember(t.db, org.id);
    const theirs = await addMember(t.db, other.id);
    const gone = crypto.randomUUID();
    const linked = await existingMemberIds(t.db, org.id, [ours.membershipId, theirs.membershipId, gone, ours.membershipId]);
    expect([...linked]).toEqual([ours.membershipId]);
    expect((await existingMemberIds(t.db, org.id, [])).size).toBe(0);
  });
});
