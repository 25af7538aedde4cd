import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingChanges, organisations, organisationSeats } from "@/lib/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { listAuditLog } from "@/lib/audit/queries";
import { addSeats, billingHistory, quoteSeatAddition, removeSeats } from "@/lib/orgs/billing";
import { actorFor, addMember, ownerOf } from "../../helpers/admin-fixtures";
import { makeOrg, operator } from "../../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const seatsOf = async (orgId: string) =>
  (await t.db.select({ org: organisations, seats: organisationSeats.seats, seatsHeld: organisationSeats.held }).from(organisations).innerJoin(organisationSeats, eq(organisationSeats.orgId, organisations.id)).where(eq(organisations.id, orgId))).map((r) => ({ ...r.org, seats: r.seats, seatsHeld: r.seatsHeld }))[0]!;

describe(`billing (${testDriver()})`, () => {
  it("a card organisation's admin adds seats: raised at once, charged the prorated price, in the history and audit", async () => {
    const org = await makeOrg(t.db, { seats: 10, seatPriceCents: 12_000 });
    const admin = await addMember(t.db, org.id, { role: "admin" });
    const actor = await actorFor(t.db, admin.membershipId);
    const before = await seatsOf(org.id);
    const expected = quoteSeatAddition(before, 5).amountDueCents;
    const r = await addSeats(t.db, { orgId: org.id, quantity: 5, actor });
    expect(r.seatsAfter).toBe(15);
    // Proration moves by the second; the charge is the quote give or take a cent.
    expect(Math.abs(r.amountDueCents - expected)).toBeLessThanOrEqual(1);
    expect(r.amountDueCents).toBeGreaterThan(5 * 12_000 * 0.99);
    expect((await seatsOf(org.id)).seats).toBe(15);
    const [h] = await billingHistory(t.db, org.id);
    expect(h).toMatchObject({ kind: "add_seats", quantity: 5, seatsBefore: 10, seatsAfter: 15, actorEmail: admin.email });
    const audit = await listAuditLog(t.db, { orgId: org.id, category: "seats" });
    expect(audit.rows[0]).toMatchObject({ action: "seats.added", target: "10 → 15", actorLabel: admin.email });
  });

  it("an invoice organisation is refused with the CSM message; nothing changes", async () => {
    const org = await makeOrg(t.db, { seats: 10, billingMethod: "invoice" });
    const { actor } = await ownerOf(t.db, org.id);
    await expect(addSeats(t.db, { orgId: org.id, quantity: 1, actor })).rejects.toThrow(/Contact your Customer Success Manager/);
    expect((await seatsOf(org.id)).seats).toBe(10);
    expect(await t.db.select().from(billingChanges).where(eq(billingChanges.orgId, org.id))).toHaveLength(0);
    // The CSM applies it with the operator CLI.
    await addSeats(t.db, { orgId: org.id, quantity: 2, actor: operator });
    expect((await seatsOf(org.id)).seats).toBe(12);
  });

  it("a plain user cannot add seats", async () => {
    const org = await makeOrg(t.db);
    const user = await addMember(t.db, org.id);
    await expect(addSeats(t.db, { orgId: org.id, quantity: 1, actor: await actorFor(t.db, user.membershipId) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("removes unused seats only, down to the seats held", async () => {
    const org = await makeOrg(t.db, { seats: 5 });
    const { actor } = await ownerOf(t.db, org.id);
    await addMember(t.db, org.id);
    await addMember(t.db, org.id, { state: "invited" }); // invited members hold a seat too
    await expect(removeSeats(t.db, { orgId: org.id, quantity: 3, actor })).rejects.toThrow("Only 2 of 5 seats are unused");
    await removeSeats(t.db, { orgId: org.id, quantity: 2, actor });
    expect(await seatsOf(org.id)).toMatchObject({ seats: 3, seatsHeld: 3 });
    await expect(removeSeats(t.db, { orgId: org.id, quantity: 0, actor })).rejects.toBeInstanceOf(ValidationError);
  });

  it("audit log filters by category and search, newest first, keyset-paged", async () => {
    const org = await makeOrg(t.db, { seats: 50 });
    const { actor } = await ownerOf(t.db, org.id);
    for (let i = 0; i < 3; i++) await addSeats(t.db, { orgId: org.id, quantity: 1, actor });
    const member = await addMember(t.db, org.id, { email: `findme-${Date.now()}@example.com` });
    const page = await listAuditLog(t.db, { orgId: org.id, category: "seats", limit: 2 });
    expect(page.rows.map((r) => r.target)).toEqual(["52 → 53", "51 → 52"]);
    const rest = await listAuditLog(t.db, { orgId: org.id, category: "seats", limit: 2, before: page.nextBefore! });
    expect(rest.rows.map((r) => r.target)).toEqual(["50 → 51"]);
    expect(rest.nextBefore).toBeNull();
    const found = await listAuditLog(t.db, { orgId: org.id, search: "FINDME" });
    expect(found.rows.map((r) => r.target)).toEqual([member.email]);
    const ownership = await listAuditLog(t.db, { orgId: org.id, category: "ownership" });
    expect(ownership.rows.map((r) => r.action)).toEqual(["owner.created"]);
  });
});
