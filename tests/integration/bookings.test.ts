import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, emailOutbox, eventTypes, type Organisation } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { bookSlot } from "@/lib/events/bookings";
import { createEventType } from "@/lib/events/event-types";
import { findBookableEventType, findHost, freeSlots, HostUnavailableError } from "@/lib/events/hosts";
import { bookingBody, type BookingInput } from "@/lib/events/schemas";
import { setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { activeMember } from "../helpers/events";
import { makeOrg, scimActor, uniq } from "../helpers/fixtures";
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

// Monday 7 January 2030, 06:00 UTC: every test books against the same clock.
const NOW = new Date("2030-01-07T06:00:00Z");
const at = (s: string) => new Date(s).toISOString();

async function host(opts: { timeZone?: string } = {}) {
  const m = await activeMember(t.db, org.id, opts);
  return { ...m, path: { org: org.slug, member: m.membership.slug, event: "30-minute-meeting" } };
}

const request = (path: { org: string; member: string; event: string }, startsAt: string, extra: Partial<BookingInput> = {}) =>
  bookingBody.parse({ ...path, startsAt, name: "Vera Visitor", email: `vera-${uniq()}@example.org`, ...extra });

const countBookings = async (membershipId: string) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.hostMembershipId, membershipId)))[0]!.n;

describe(`booking (${testDriver()})`, () => {
  it("books a free slot: one booking, emails to visitor and host, the slot is no longer offered", async () => {
    const h = await host({ timeZone: "Europe/Berlin" });
    const hostRow = (await findHost(t.db, h.path.org, h.path.member))!;
    const event = (await findBookableEventType(t.db, h.membership.id, h.path.event))!;
    const before = await freeSlots(t.db, hostRow, event, NOW);
    expect(at(before[0]!.toISOString())).toBe("2030-01-07T08:00:00.000Z"); // 09:00 in Berlin

    const { booking, path } = await bookSlot(
      t.db,
      request(h.path, "2030-01-07T08:00:00Z", { email: "vera@example.org", timeZone: "America/New_York" }),
      NOW,
    );
    expect(booking).toMatchObject({ status: "confirmed", eventTitle: "30 Minute Meeting", attendeeName: "Vera Visitor" });
    expect(booking.endsAt.toISOString()).toBe("2030-01-07T08:30:00.000Z");
    expect(path).toBe(`/${org.slug}/${h.membership.slug}/30-minute-meeting/confirmed/${booking.id}`);

    const after = await freeSlots(t.db, hostRow, event, NOW);
    expect(after.map((d) => d.toISOString())).not.toContain("2030-01-07T08:00:00.000Z");
    expect(after).toHaveLength(before.length - 1);

    const mails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.orgId, org.id));
    const visitor = mails.find((m) => m.to === "vera@example.org" && m.kind === "booking.confirmed")!;
    expect(visitor.subject).toBe("Confirmed: 30 Minute Meeting with Mia Host");
    expect(visitor.text).toContain("Monday, 7 January 2030, 03:00–03:30 (America/New_York)");
    expect(visitor.text).toContain(path);
    const toHost = mails.find((m) => m.to === h.user.email && m.kind === "booking.host_notified")!;
    expect(toHost.subject).toBe("New booking: 30 Minute Meeting with Vera Visitor");
    expect(toHost.text).toContain("Monday, 7 January 2030, 09:00–09:30 (Europe/Berlin)");
  });

  it("the same slot cannot be booked twice, and the refusal writes nothing", async () => {
    const h = await host();
    await bookSlot(t.db, request(h.path, "2030-01-07T10:00:00Z"), NOW);
    const emailsBefore = (await t.db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox))[0]!.n;
    const err = await bookSlot(t.db, request(h.path, "2030-01-07T10:00:00Z"), NOW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe("Someone has just booked this time. Pick another one.");
    expect(await countBookings(h.membership.id)).toBe(1);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox))[0]!.n).toBe(emailsBefore);
  });

  it("ten parallel requests for one slot: exactly one booking", async () => {
    const h = await host();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => bookSlot(t.db, request(h.path, "2030-01-08T09:00:00Z"), NOW)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
    expect(await countBookings(h.membership.id)).toBe(1);
  });

  it("parallel bookings of overlapping slots of different lengths: only one wins", async () => {
    const h = await host();
    await createEventType(
      t.db,
      { userId: h.user.id, membershipId: h.membership.id, orgId: org.id },
      { title: "Deep dive", durationMinutes: 60, active: true, description: null, location: null },
    );
    const results = await Promise.allSettled([
      bookSlot(t.db, request({ ...h.path, event: "deep-dive" }, "2030-01-09T09:00:00Z"), NOW),
      bookSlot(t.db, request(h.path, "2030-01-09T09:30:00Z"), NOW),
      bookSlot(t.db, request({ ...h.path, event: "deep-dive" }, "2030-01-09T09:00:00Z"), NOW),
      bookSlot(t.db, request(h.path, "2030-01-09T09:30:00Z"), NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await countBookings(h.membership.id)).toBe(1);
  });

  it.each([
    ["in the past", "2030-01-07T05:30:00Z", ValidationError, "That time has already passed. Pick a time in the future."],
    ["outside working hours", "2030-01-07T18:00:00Z", ValidationError, /not available at that time/],
    ["on a Saturday", "2030-01-12T10:00:00Z", ValidationError, /not available at that time/],
    ["off the slot grid", "2030-01-07T09:10:00Z", ValidationError, /not available at that time/],
    ["beyond 14 days", "2030-01-28T10:00:00Z", ValidationError, /not available at that time/],
  ])("refuses a time %s", async (_label, startsAt, type, message) => {
    const h = await host();
    const err = await bookSlot(t.db, request(h.path, startsAt), NOW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect((err as Error).message).toMatch(message);
    expect(await countBookings(h.membership.id)).toBe(0);
  });

  it("refuses unknown and switched-off event types", async () => {
    const h = await host();
    await expect(bookSlot(t.db, request({ ...h.path, event: "nope" }, "2030-01-07T09:00:00Z"), NOW)).rejects.toBeInstanceOf(NotFoundError);
    await t.db.update(eventTypes).set({ active: false }).where(and(eq(eventTypes.membershipId, h.membership.id)));
    await expect(bookSlot(t.db, request(h.path, "2030-01-07T09:00:00Z"), NOW)).rejects.toThrow(
      "This event type does not exist or is no longer offered.",
    );
  });

  it("a deactivated host is not found and refuses bookings; reactivated, everything is back unchanged", async () => {
    const h = await host();
    const eventsBefore = await t.db.select().from(eventTypes).where(eq(eventTypes.membershipId, h.membership.id));
    await setMemberActive(t.db, { orgId: org.id, membershipId: h.membership.id, active: false, actor: scimActor });
    expect(await findHost(t.db, h.path.org, h.path.member)).toBeNull();
    const err = await bookSlot(t.db, request(h.path, "2030-01-07T09:00:00Z"), NOW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostUnavailableError);
    expect((err as Error).message).toBe("This person is not available for booking.");
    expect(await countBookings(h.membership.id)).toBe(0);

    await setMemberActive(t.db, { orgId: org.id, membershipId: h.membership.id, active: true, actor: scimActor });
    expect(await findHost(t.db, h.path.org, h.path.member)).not.toBeNull();
    expect(await t.db.select().from(eventTypes).where(eq(eventTypes.membershipId, h.membership.id))).toEqual(eventsBefore);
    await bookSlot(t.db, request(h.path, "2030-01-07T09:00:00Z"), NOW);
    expect(await countBookings(h.membership.id)).toBe(1);
  });

  it("an invited member (not joined yet) is not bookable", async () => {
    const { membership } = await inviteMember(t.db, { orgId: org.id, email: `inv-${uniq()}@example.com`, actor: scimActor });
    expect(await findHost(t.db, org.slug, membership.slug)).toBeNull();
    await expect(
      bookSlot(t.db, request({ org: org.slug, member: membership.slug, event: "30-minute-meeting" }, "2030-01-07T09:00:00Z"), NOW),
    ).rejects.toBeInstanceOf(HostUnavailableError);
  });

  it("validates the visitor's details with messages a person can act on", () => {
    const base = { org: "a", member: "b", event: "c", startsAt: "2030-01-07T09:00:00Z", name: "V", email: "v@example.org" };
    const issue = (body: object) => {
      const r = bookingBody.safeParse(body);
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(issue(base)).toBeNull();
    expect(issue({ ...base, name: "  " })).toBe("Enter your name.");
    expect(issue({ ...base, email: "not-an-email" })).toBe("Enter a valid email address, e.g. jane@example.com.");
    expect(issue({ ...base, startsAt: "tomorrow" })).toMatch(/ISO 8601/);
    expect(bookingBody.parse({ ...base, timeZone: "Mars/Olympus" }).timeZone).toBeNull();
  });
});
