import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, eventTypes, invitations, memberships, organisations, organisationSeats, users } from "@/lib/db/schema";
import { SeatLimitError } from "@/lib/errors";
import { setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { seatUsage } from "@/lib/orgs/seats";
import { makeOrg, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe(`seats (${testDriver()})`, () => {
  it("40 parallel invitations into 10 free seats: exactly 10 succeed and nothing of the others is written", async () => {
    const org = await makeOrg(t.db, { seats: 11 }); // the owner holds one
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        inviteMember(t.db, { orgId: org.id, email: `p${i}-${uniq()}@example.com`, actor: scimActor }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(30);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SeatLimitError);

    const usage = await seatUsage(t.db, org.id);
    expect(usage).toEqual({ seats: 11, held: 11, available: 0 });
    const [counts] = await t.db
      .select({
        members: sql<number>`(select count(*)::int from ${memberships} where ${memberships.orgId} = ${org.id})`,
        invites: sql<number>`(select count(*)::int from ${invitations} where ${invitations.orgId} = ${org.id})`,
        emails: sql<number>`(select count(*)::int from ${emailOutbox} where ${emailOutbox.orgId} = ${org.id})`,
        events: sql<number>`(select count(*)::int from ${eventTypes} where ${eventTypes.orgId} = ${org.id})`,
      })
      .from(organisations)
      .where(eq(organisations.id, org.id));
    expect(counts).toEqual({ members: 11, invites: 10, emails: 10, events: 10 });
    // Refused requests must not leave accounts behind either.
    const [orphans] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`not exists (select 1 from ${memberships} m where m.user_id = ${users.id})`);
    expect(orphans?.n).toBe(0);
  });

  it("the refusal names the organisation, the count and what to do", async () => {
    const org = await makeOrg(t.db, { seats: 1 });
    const err = await inviteMember(t.db, { orgId: org.id, email: `x-${uniq()}@example.com`, actor: scimActor }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SeatLimitError);
    expect((err as Error).message).toBe(
      `No seats available in ${org.name}: 1 of 1 in use. Add seats on the Billing page, or deactivate a member, then retry.`,
    );
  });

  it("deactivation frees the seat, reactivation takes it back or is refused when none is free", async () => {
    const org = await makeOrg(t.db, { seats: 2 });
    const a = await inviteMember(t.db, { orgId: org.id, email: `a-${uniq()}@example.com`, actor: scimActor });
    expect((await seatUsage(t.db, org.id)).held).toBe(2);

    await setMemberActive(t.db, { orgId: org.id, membershipId: a.membership.id, active: false, actor: scimActor });
    expect((await seatUsage(t.db, org.id)).held).toBe(1);
    // Idempotent: a second deactivation frees nothing more.
    await setMemberActive(t.db, { orgId: org.id, membershipId: a.membership.id, active: false, actor: scimActor });
    expect((await seatUsage(t.db, org.id)).held).toBe(1);

    const b = await inviteMember(t.db, { orgId: org.id, email: `b-${uniq()}@example.com`, actor: scimActor });
    await expect(
      setMemberActive(t.db, { orgId: org.id, membershipId: a.membership.id, active: true, actor: scimActor }),
    ).rejects.toBeInstanceOf(SeatLimitError);
    const [still] = await t.db.select().from(memberships).where(eq(memberships.id, a.membership.id));
    expect(still?.state).toBe("deactivated");

    await setMemberActive(t.db, { orgId: org.id, membershipId: b.membership.id, active: false, actor: scimActor });
    const back = await setMemberActive(t.db, { orgId: org.id, membershipId: a.membership.id, active: true, actor: scimActor });
    expect(back.state).toBe("invited"); // never joined, so back to invited, holding a seat
    expect((await seatUsage(t.db, org.id)).held).toBe(2);
  });

  it("the database refuses a seat count below the seats held, whatever the code does", async () => {
    const org = await makeOrg(t.db, { seats: 1 });
    await expect(t.db.update(organisationSeats).set({ seats: 0 }).where(eq(organisationSeats.orgId, org.id))).rejects.toThrow();
  });
});
