import { and, eq } from "drizzle-orm";
import { seatUsage } from "@/lib/orgs/seats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/actor";
import { auditLog, billingChanges, memberships, users } from "@/lib/db/schema";
import { ForbiddenError, OwnerProtectedError, ValidationError } from "@/lib/errors";
import { addSeats, MAX_SEATS_PER_CHANGE, MAX_SEATS_TOTAL, quoteSeatAddition, removeSeats } from "@/lib/orgs/billing";
import { inviteMember } from "@/lib/orgs/members";
import { changeRole } from "@/lib/orgs/roles";
import { actorFor } from "../helpers/admin-fixtures";
import { makeOrg, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function ownerActor(orgId: string): Promise<Actor & { membershipId: string }> {
  const [row] = await t.db
    .select({ m: memberships, u: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  const m = row!.m;
  return { kind: "user", userId: row!.u.id, email: row!.u.email, membership: { id: m.id, orgId: m.orgId, role: m.role, state: m.state }, membershipId: m.id };
}

describe("seat pricing", () => {
  const year = { seatPriceCents: 1200, periodStart: new Date("2026-01-01T00:00:00Z"), periodEnd: new Date("2027-01-01T00:00:00Z") };
  it.each([
    ["at the start of the period, the full price", new Date("2026-01-01T00:00:00Z"), 3, 3600],
    ["half-way, half the price", new Date("2026-07-02T12:00:00Z"), 3, 1800],
    ["after the period, nothing", new Date("2027-02-01T00:00:00Z"), 3, 0],
  ])("%s", (_label, now, qty, due) => {
    expect(quoteSeatAddition(year, qty, now).amountDueCents).toBe(due);
  });
});

describe(`billing and roles (${testDriver()})`, () => {
  it("an admin adds seats on a card plan: seats rise at once, the change and its price are recorded", async () => {
    const org = await makeOrg(t.db, { seats: 5 });
    const actor = await ownerActor(org.id);
    const r = await addSeats(t.db, { orgId: org.id, quantity: 3, actor });
    expect(r.seatsAfter).toBe(8);
    expect((await seatUsage(t.db, org.id)).seats).toBe(8);
    const [change] = await t.db.select().from(billingChanges).where(eq(billingChanges.orgId, org.id));
    expect(change).toMatchObject({ kind: "add_seats", quantity: 3, seatsBefore: 5, seatsAfter: 8 });
    expect(change!.amountDueCents).toBeGreaterThan(0);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "seats.added")));
    expect(audit).toHaveLength(1);
  });

  it("an organisation that pays by invoice cannot add seats in the app", async () => {
    const org = await makeOrg(t.db, { seats: 5, billingMethod: "invoice" });
    const err = await addSeats(t.db, { orgId: org.id, quantity: 1, actor: await ownerActor(org.id) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as Error).message).toMatch(/Customer Success Manager/);
    expect((await seatUsage(t.db, org.id)).seats).toBe(5);
  });

  it("unused seats can be removed, down to the number held and no further", async () => {
    const org = await makeOrg(t.db, { seats: 6 });
    await inviteMember(t.db, { orgId: org.id, email: `a-${uniq()}@example.com`, actor: scimActor });
    const actor = await ownerActor(org.id);
    await expect(removeSeats(t.db, { orgId: org.id, quantity: 5, actor })).rejects.toThrow(/at most 4 can be removed/);
    await removeSeats(t.db, { orgId: org.id, quantity: 4, actor });
    expect((await seatUsage(t.db, org.id)).seats).toBe(2);
    await expect(removeSeats(t.db, { orgId: org.id, quantity: 0, actor })).rejects.toBeInstanceOf(ValidationError);
  });

  it("seat limits: one change adds or removes at most 100,000 seats, an organisation holds at most 1,000,000, and a refusal writes nothing", async () => {
    const org = await makeOrg(t.db, { seats: 5 });
    const actor = await ownerActor(org.id);
    const changes = async () => (await t.db.select().from(billingChanges).where(eq(billingChanges.orgId, org.id))).length;
    for (const quantity of [0, -1, 1.5, MAX_SEATS_PER_CHANGE + 1, Number.MAX_SAFE_INTEGER]) {
      const err = await addSeats(t.db, { orgId: org.id, quantity, actor }).catch((e: unknown) => e);
      expect(err, `add ${quantity}`).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toBe("Choose a whole number of seats between 1 and 100,000.");
    }
    await expect(removeSeats(t.db, { orgId: org.id, quantity: MAX_SEATS_PER_CHANGE + 1, actor })).rejects.toThrow("between 1 and 100,000");
    expect((await seatUsage(t.db, org.id)).seats).toBe(5);
    expect(await changes()).toBe(0);

    // The total limit holds for the operator too (the CLI's add-seats), and says how many more are possible.
    const operator: Actor = { kind: "operator" };
    let seats = 5;
    while (seats + MAX_SEATS_PER_CHANGE <= MAX_SEATS_TOTAL) {
      await addSeats(t.db, { orgId: org.id, quantity: MAX_SEATS_PER_CHANGE, actor: operator });
      seats += MAX_SEATS_PER_CHANGE;
    }
    expect(seats).toBe(900_005);
    const before = await changes();
    const err = await addSeats(t.db, { orgId: org.id, quantity: MAX_SEATS_PER_CHANGE, actor }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe(
      `An organisation can hold at most 1,000,000 seats; ${org.name} has 900,005, so at most 99,995 more can be added. Contact Roster's team for more.`,
    );
    expect((await seatUsage(t.db, org.id)).seats).toBe(900_005);
    expect(await changes()).toBe(before);
    // Exactly up to the limit is allowed.
    expect((await addSeats(t.db, { orgId: org.id, quantity: 99_995, actor })).seatsAfter).toBe(MAX_SEATS_TOTAL);
  });

  it("roles: admins switch members between user and admin; never their own, never the owner's, never from the IdP", async () => {
    const org = await makeOrg(t.db);
    const owner = await ownerActor(org.id);
    const { membership } = await inviteMember(t.db, { orgId: org.id, email: `r-${uniq()}@example.com`, actor: scimActor });
    await changeRole(t.db, { orgId: org.id, membershipId: membership.id, role: "admin", actor: owner });
    const [after] = await t.db.select().from(memberships).where(eq(memberships.id, membership.id));
    expect(after?.role).toBe("admin");

    await expect(changeRole(t.db, { orgId: org.id, membershipId: owner.membershipId, role: "admin", actor: owner })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // The new admin signs in (an invited admin cannot act yet: the policy asks for an active membership).
    await t.db.update(memberships).set({ state: "active" }).where(eq(memberships.id, membership.id));
    const admin = await actorFor(t.db, membership.id);
    await expect(changeRole(t.db, { orgId: org.id, membershipId: owner.membershipId, role: "user", actor: admin })).rejects.toBeInstanceOf(
      OwnerProtectedError,
    );
    await expect(changeRole(t.db, { orgId: org.id, membershipId: membership.id, role: "user", actor: scimActor })).rejects.toThrow(
      "Roles are never set by the identity provider.",
    );
  });
});
