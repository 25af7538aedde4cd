import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availabilityRules, bookings, eventTypes, users } from "@/lib/db/schema";
import { bookSlot } from "@/lib/events/bookings";
import { setOrgDefaultEventType } from "@/lib/events/defaults";
import { createEventType, listOwnEventTypes } from "@/lib/events/event-types";
import { bookingBody } from "@/lib/events/schemas";
import { markMemberJoined, removeMember } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { createOrganisation } from "@/lib/orgs/organisations";
import { activeMember } from "../helpers/events";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe(`event types through the member lifecycle (${testDriver()})`, () => {
  it("a provisioned member gets the organisation's default event type and Mon–Fri 09:00–17:00", async () => {
    const org = await makeOrg(t.db);
    const { membership, user } = await inviteMember(t.db, { orgId: org.id, email: `n-${uniq()}@example.com`, actor: scimActor });
    const own = await listOwnEventTypes(t.db, { userId: user.id, membershipId: membership.id, orgId: org.id });
    expect(own.org).toHaveLength(1);
    expect(own.org[0]).toMatchObject({ title: "30 Minute Meeting", slug: "30-minute-meeting", durationMinutes: 30, isDefault: true, active: true });
    const hours = await t.db.select().from(availabilityRules).where(eq(availabilityRules.membershipId, membership.id));
    expect(hours.map((h) => [h.weekday, h.startMinute, h.endMinute]).sort()).toEqual([
      [1, 540, 1020],
      [2, 540, 1020],
      [3, 540, 1020],
      [4, 540, 1020],
      [5, 540, 1020],
    ]);
  });

  it("the admin's default applies to members provisioned afterwards, not to existing ones", async () => {
    const org = await makeOrg(t.db);
    const before = await inviteMember(t.db, { orgId: org.id, email: `b-${uniq()}@example.com`, actor: scimActor });
    await setOrgDefaultEventType(t.db, { orgId: org.id, title: "Quick chat", durationMinutes: 15, actor: operator });
    const after = await inviteMember(t.db, { orgId: org.id, email: `a-${uniq()}@example.com`, actor: scimActor });
    const titleOf = async (membershipId: string) =>
      (await t.db.select().from(eventTypes).where(eq(eventTypes.membershipId, membershipId))).map((e) => [e.title, e.slug, e.durationMinutes]);
    expect(await titleOf(before.membership.id)).toEqual([["30 Minute Meeting", "30-minute-meeting", 30]]);
    expect(await titleOf(after.membership.id)).toEqual([["Quick chat", "quick-chat", 15]]);
  });

  it("deleting a provisioned member removes the account and everything about it", async () => {
    const org = await makeOrg(t.db);
    const m = await activeMember(t.db, org.id);
    await removeMember(t.db, { orgId: org.id, membershipId: m.membership.id, actor: scimActor });
    expect(await t.db.select().from(users).where(eq(users.id, m.user.id))).toEqual([]);
    expect(await t.db.select().from(eventTypes).where(eq(eventTypes.userId, m.user.id))).toEqual([]);
    expect(await t.db.select().from(availabilityRules).where(eq(availabilityRules.membershipId, m.membership.id))).toEqual([]);
  });

  it("an account that existed before joining keeps its personal event types and loses the organisation's data", async () => {
    const org = await makeOrg(t.db);
    const email = `solo-${uniq()}@example.com`;
    const [solo] = await t.db.insert(users).values({ email, givenName: "Sol", origin: "personal" }).returning();
    const personal = await createEventType(
      t.db,
      { userId: solo!.id, membershipId: null, orgId: null },
      { title: "Coffee chat", durationMinutes: 20, active: true, description: "My own", location: null },
    );

    const { membership } = await inviteMember(t.db, { orgId: org.id, email, actor: scimActor });
    await markMemberJoined(t.db, { orgId: org.id, membershipId: membership.id });
    const whileMember = await listOwnEventTypes(t.db, { userId: solo!.id, membershipId: membership.id, orgId: org.id });
    expect(whileMember.org.map((e) => e.title)).toEqual(["30 Minute Meeting"]);
    expect(whileMember.personal.map((e) => e.id)).toEqual([personal.id]);
    await bookSlot(
      t.db,
      bookingBody.parse({ org: org.slug, member: membership.slug, event: "30-minute-meeting", startsAt: "2030-01-07T10:00:00Z", name: "V", email: "v@example.org" }),
      new Date("2030-01-07T06:00:00Z"),
    );

    await removeMember(t.db, { orgId: org.id, membershipId: membership.id, actor: scimActor });
    const [still] = await t.db.select().from(users).where(eq(users.id, solo!.id));
    expect(still).toMatchObject({ email, origin: "personal" });
    const left = await t.db.select().from(eventTypes).where(eq(eventTypes.userId, solo!.id));
    expect(left).toEqual([personal]);
    expect(await t.db.select().from(eventTypes).where(and(eq(eventTypes.userId, solo!.id), isNull(eventTypes.orgId)))).toHaveLength(1);
    expect(await t.db.select().from(availabilityRules).where(eq(availabilityRules.membershipId, membership.id))).toEqual([]);
    expect(await t.db.select().from(bookings).where(eq(bookings.hostMembershipId, membership.id))).toEqual([]);
  });
});

describe("booking URLs", () => {
  it.each(["admin", "api", "login", "dev", "invitations", "me"])("refuses the organisation slug %s, which would shadow a Roster page", async (slug) => {
    await expect(createOrganisation(t.db, { name: "Sneaky", slug, seats: 1, actor: operator })).rejects.toThrow(
      `The slug "${slug}" is reserved for Roster's own pages`,
    );
  });
});
