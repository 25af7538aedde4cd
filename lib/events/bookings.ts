import { and, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { bookings, eventTypes, type Booking } from "@/lib/db/schema";
import { bookingConfirmedEmail, bookingNotificationEmail, type BookingEmailFacts } from "@/lib/email/booking-emails";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { findBookableEventType, findHost, HostUnavailableError, slotQuery } from "./hosts";
import { checkSlot } from "./slots";
import type { BookingInput } from "./schemas";

const confirmationPath = (b: { org: string; member: string; event: string; id: string }) =>
  `/${b.org}/${b.member}/${b.event}/confirmed/${b.id}`;

const taken = () => new ConflictError("Someone has just booked this time. Pick another one.", "startsAt");

/**
 * Books a slot, all or nothing. The host's membership row is locked first,
 * so two visitors racing for overlapping times (even of different durations)
 * are served one after the other and the second sees the first's booking;
 * the unique (host, start) index is the last line of defence. The host's
 * state is checked under the same lock: a deactivation that commits first
 * refuses the booking, one that comes second waits for it.
 */
export async function bookSlot(db: Executor, input: BookingInput, now = new Date()): Promise<{ booking: Booking; path: string }> {
  const start = new Date(input.startsAt);
  return db.transaction(async (tx) => {
    const host = await findHost(tx, input.org, input.member, { lock: true });
    if (!host) throw new HostUnavailableError();
    const eventType = await findBookableEventType(tx, host.membership.id, input.event);
    if (!eventType) throw new NotFoundError("This event type does not exist or is no longer offered.");
    const refusal = checkSlot(await slotQuery(tx, host, eventType, now), start);
    if (refusal === "past") throw new ValidationError("That time has already passed. Pick a time in the future.", "startsAt");
    if (refusal === "taken") throw taken();
    if (refusal === "outside_hours") {
      throw new ValidationError(
        `${host.name} is not available at that time. Pick one of the times on the booking page (next 14 days, within working hours).`,
        "startsAt",
      );
    }
    const end = new Date(start.getTime() + eventType.durationMinutes * 60_000);
    let booking: Booking;
    try {
      [booking] = (await tx
        .insert(bookings)
        .values({
          orgId: host.org.id,
          hostMembershipId: host.membership.id,
          eventTypeId: eventType.id,
          eventTitle: eventType.title,
          startsAt: start,
          endsAt: end,
          attendeeName: input.name,
          attendeeEmail: input.email,
          attendeeTimeZone: input.timeZone,
        })
        .returning()) as [Booking];
    } catch (e) {
      if (isUniqueViolation(e, "bookings_host_start_key")) throw taken();
      throw e;
    }
    const path = confirmationPath({ org: host.org.slug, member: host.membership.slug, event: eventType.slug, id: booking.id });
    const facts: BookingEmailFacts = {
      eventTitle: eventType.title,
      durationMinutes: eventType.durationMinutes,
      start,
      end,
      location: eventType.location,
      hostName: host.name,
      orgName: host.org.name,
      attendeeName: input.name,
      attendeeEmail: input.email,
    };
    await enqueueEmail(tx, {
      orgId: host.org.id,
      kind: "booking.confirmed",
      to: input.email,
      ...bookingConfirmedEmail({ ...facts, timeZone: input.timeZone ?? host.user.timeZone, url: `${env().APP_URL}${path}` }),
    });
    await enqueueEmail(tx, {
      orgId: host.org.id,
      kind: "booking.host_notified",
      to: host.user.email,
      ...bookingNotificationEmail({ ...facts, timeZone: host.user.timeZone }),
    });
    return { booking, path };
  });
}

/** A booking for its confirmation page, only under the path it was made on. */
export async function findConfirmedBooking(
  db: Executor,
  p: { org: string; member: string; event: string; id: string },
): Promise<{ booking: Booking; hostName: string; orgName: string; location: string | null; hostTimeZone: string } | null> {
  if (!isUuid(p.id)) return null;
  const host = await findHost(db, p.org, p.member, { anyState: true });
  if (!host) return null;
  const [row] = await db
    .select({ booking: bookings, location: eventTypes.location, slug: eventTypes.slug })
    .from(bookings)
    .leftJoin(eventTypes, eq(eventTypes.id, bookings.eventTypeId))
    .where(and(eq(bookings.id, p.id), eq(bookings.hostMembershipId, host.membership.id)));
  if (!row || (row.slug && row.slug !== p.event)) return null;
  return { booking: row.booking, hostName: host.name, orgName: host.org.name, location: row.location, hostTimeZone: host.user.timeZone };
}
