import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings, emailOutbox, type Organisation } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { bookSlot } from "@/lib/events/bookings";
import { cancelBooking, listHostBookings } from "@/lib/events/host-bookings";
import { bookingBody } from "@/lib/events/schemas";
import { setMemberActive } from "@/lib/orgs/lifecycle";
import { actorFor, addMember, ownerOf } from "../helpers/admin-fixtures";
import { activeMember } from "../helpers/events";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
let org: Organisation;
beforeAll(async () => {
  t = await createTestDatabase();
  org = await makeOrg(t.db, { seats: 50 });
});
afterAll(async () => {
  await t?.drop();
});

// Monday 7 January 2030, 06:00 UTC: bookings are made against this clock (cancelling happens "now", years before).
const NOW = new Date("2030-01-07T06:00:00Z");

async function hostWithBooking(startsAt = "2030-01-07T10:00:00Z", opts: { email?: string; timeZone?: string } = {}) {
  const h = await activeMember(t.db, org.id, { timeZone: "Europe/Berlin" });
  const email = opts.email ?? `vera-${uniq()}@example.org`;
  const { booking } = await bookSlot(
    t.db,
    bookingBody.parse({
      org: org.slug,
      member: h.membership.slug,
      event: "30-minute-meeting",
      startsAt,
      name: "Vera Visitor",
      email,
      timeZone: opts.timeZone ?? "America/New_York",
    }),
    NOW,
  );
  return { ...h, booking, visitorEmail: email, actor: await actorFor(t.db, h.membership.id) };
}

/** Everything a refused cancel could have touched. */
async function snapshot(bookingId: string) {
  const [b] = await t.db.select().from(bookings).where(eq(bookings.id, bookingId));
  const [{ mails }] = (await t.db.select({ mails: sql<number>`count(*)::int` }).from(emailOutbox)) as [{ mails: number }];
  const [{ audits }] = (await t.db.select({ audits: sql<number>`count(*)::int` }).from(auditLog)) as [{ audits: number }];
  return { status: b!.status, cancelledAt: b!.cancelledAt, mails, audits };
}

describe(`host bookings (${testDriver()})`, () => {
  it("the host lists upcoming meetings soonest first and past or cancelled ones newest first, only their own", async () => {
    const h = await hostWithBooking("2030-01-08T10:00:00Z");
    const other = await hostWithBooking("2030-01-08T10:00:00Z");
    await bookSlot(
      t.db,
      bookingBody.parse({ org: org.slug, member: h.membership.slug, event: "30-minute-meeting", startsAt: "2030-01-07T09:00:00Z", name: "Ann Early", email: "ann@example.org" }),
      NOW,
    );
    const lists = await listHostBookings(t.db, { orgId: org.id, membershipId: h.membership.id, now: NOW });
    expect(lists.upcoming.map((b) => b.attendeeName)).toEqual(["Ann Early", "Vera Visitor"]);
    expect(lists.past).toEqual([]);
    // After the first meeting ended, it is past.
    const later = await listHostBookings(t.db, { orgId: org.id, membershipId: h.membership.id, now: new Date("2030-01-07T12:00:00Z") });
    expect(later.upcoming.map((b) => b.attendeeName)).toEqual(["Vera Visitor"]);
    expect(later.past.map((b) => b.attendeeName)).toEqual(["Ann Early"]);
    // Another organisation's id for the same member finds nothing.
    const elsewhere = await makeOrg(t.db);
    expect(await listHostBookings(t.db, { orgId: elsewhere.id, membershipId: h.membership.id, now: NOW })).toEqual({ upcoming: [], past: [] });
    expect((await listHostBookings(t.db, { orgId: org.id, membershipId: other.membership.id, now: NOW })).upcoming).toHaveLength(1);
  });

  it("the host cancels: the booking is cancelled, the booker's email is queued in their time zone, the time is free again", async () => {
    const h = await hostWithBooking("2030-01-09T10:00:00Z", { timeZone: "America/New_York" });
    const cancelled = await cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: h.actor });
    expect(cancelled).toMatchObject({ id: h.booking.id, status: "cancelled" });
    expect(cancelled.cancelledAt).toBeInstanceOf(Date);

    const mails = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.to, h.visitorEmail), eq(emailOutbox.kind, "booking.cancelled")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Cancelled: 30 Minute Meeting with Mia Host");
    expect(mails[0]!.text).toContain("Wednesday, 9 January 2030, 05:00–05:30 (America/New_York)");
    expect(mails[0]!.text).toContain(`/${org.slug}/${h.membership.slug}`);

    const lists = await listHostBookings(t.db, { orgId: org.id, membershipId: h.membership.id, now: NOW });
    expect(lists.upcoming).toEqual([]);
    expect(lists.past.map((b) => b.status)).toEqual(["cancelled"]);
    // The unique index covers confirmed bookings only: the same time can be booked again.
    const again = await bookSlot(
      t.db,
      bookingBody.parse({ org: org.slug, member: h.membership.slug, event: "30-minute-meeting", startsAt: "2030-01-09T10:00:00Z", name: "Bo Next", email: "bo@example.org" }),
      NOW,
    );
    expect(again.booking.status).toBe("confirmed");

    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "booking.cancelled")));
    expect(audit.some((a) => a.actorLabel === h.user.email && a.target?.startsWith("30 Minute Meeting with Mia Host"))).toBe(true);
  });

  it("an admin cancels a deactivated host's meeting; the booker is emailed without a link to book again", async () => {
    const h = await hostWithBooking("2030-01-10T10:00:00Z");
    await setMemberActive(t.db, { orgId: org.id, membershipId: h.membership.id, active: false, actor: operator });
    const admin = await addMember(t.db, org.id, { role: "admin" });
    await cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: await actorFor(t.db, admin.membershipId) });
    const [mail] = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.to, h.visitorEmail), eq(emailOutbox.kind, "booking.cancelled")));
    expect(mail!.text).not.toContain("Book another time");
    // The owner may too (another meeting).
    const h2 = await hostWithBooking("2030-01-10T11:00:00Z");
    const { actor: owner } = await ownerOf(t.db, org.id);
    expect((await cancelBooking(t.db, { orgId: org.id, bookingId: h2.booking.id, actor: owner })).status).toBe("cancelled");
  });

  it("refusals write nothing: another member, another organisation's admin, the IdP, an unknown id, twice, or after the meeting", async () => {
    const h = await hostWithBooking("2030-01-11T10:00:00Z");
    const plain = await addMember(t.db, org.id);
    const elsewhere = await makeOrg(t.db);
    const { actor: foreignOwner } = await ownerOf(t.db, elsewhere.id);
    const plainActor = await actorFor(t.db, plain.membershipId);
    const before = await snapshot(h.booking.id);
    const cases: [string, () => Promise<unknown>, new (...args: never[]) => Error][] = [
      ["another member", () => cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: plainActor }), ForbiddenError],
      ["another organisation's owner, in their organisation", () => cancelBooking(t.db, { orgId: elsewhere.id, bookingId: h.booking.id, actor: foreignOwner }), NotFoundError],
      ["another organisation's owner, naming this one", () => cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: foreignOwner }), ForbiddenError],
      ["the IdP", () => cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: scimActor }), ForbiddenError],
      ["a malformed id", () => cancelBooking(t.db, { orgId: org.id, bookingId: "not-a-uuid", actor: h.actor }), NotFoundError],
      ["an unknown id", () => cancelBooking(t.db, { orgId: org.id, bookingId: crypto.randomUUID(), actor: h.actor }), NotFoundError],
      ["after the meeting", () => cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: h.actor, now: new Date("2030-01-11T10:30:00Z") }), ValidationError],
    ];
    for (const [label, attempt, type] of cases) {
      const err = await attempt().catch((e: unknown) => e);
      expect(err, label).toBeInstanceOf(type);
    }
    expect(await snapshot(h.booking.id)).toEqual(before);

    await cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: h.actor });
    const once = await snapshot(h.booking.id);
    const twice = await cancelBooking(t.db, { orgId: org.id, bookingId: h.booking.id, actor: h.actor }).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(ConflictError);
    expect((twice as Error).message).toBe("This booking is already cancelled.");
    expect(await snapshot(h.booking.id)).toEqual(once);
  });
});
