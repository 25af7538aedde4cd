import { and, asc, desc, eq, gt, lte, or } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/audit/actor";
import type { Executor } from "@/lib/db";
import { bookings, eventTypes, memberships, organisations, users } from "@/lib/db/schema";
import { bookingCancelledEmail } from "@/lib/email/booking-emails";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { isUuid } from "@/lib/validation";
import { hostName } from "./hosts";

/** A meeting as the host's list shows it. */
export interface HostBooking {
  id: string;
  eventTitle: string;
  startsAt: Date;
  endsAt: Date;
  attendeeName: string;
  attendeeEmail: string;
  status: "confirmed" | "cancelled";
  cancelledAt: Date | null;
}

const columns = {
  id: bookings.id,
  eventTitle: bookings.eventTitle,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  attendeeName: bookings.attendeeName,
  attendeeEmail: bookings.attendeeEmail,
  status: bookings.status,
  cancelledAt: bookings.cancelledAt,
};

/**
 * A host's meetings, for their own page and for admins on the member's page
 * (a deactivated host's meetings included): upcoming ones soonest first, then
 * past and cancelled ones newest first. Scoped to the organisation, so a
 * membership id from elsewhere finds nothing. Each list is capped; the page
 * says so when it is full.
 */
export async function listHostBookings(
  db: Executor,
  p: { orgId: string; membershipId: string; now?: Date; limit?: number },
): Promise<{ upcoming: HostBooking[]; past: HostBooking[] }> {
  const now = p.now ?? new Date();
  const limit = p.limit ?? 50;
  const mine = and(eq(bookings.orgId, p.orgId), eq(bookings.hostMembershipId, p.membershipId));
  const [upcoming, past] = await Promise.all([
    db
      .select(columns)
      .from(bookings)
      .where(and(mine, eq(bookings.status, "confirmed"), gt(bookings.endsAt, now)))
      .orderBy(asc(bookings.startsAt), asc(bookings.id))
      .limit(limit),
    db
      .select(columns)
      .from(bookings)
      .where(and(mine, or(eq(bookings.status, "cancelled"), lte(bookings.endsAt, now))))
      .orderBy(desc(bookings.startsAt), desc(bookings.id))
      .limit(limit),
  ]);
  return { upcoming, past };
}

/**
 * Cancels an upcoming meeting, all or nothing: the booking turns "cancelled"
 * (its time is free to book again: the unique index covers confirmed ones
 * only) and the booker's email is queued in the same transaction. The policy
 * decides who may: the host, or an owner or admin of the organisation. Asked
 * first with the organisation only, so someone who may not cancel anything
 * learns nothing about which bookings exist.
 */
export async function cancelBooking(db: Executor, p: { orgId: string; bookingId: string; actor: Actor; now?: Date }): Promise<HostBooking> {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    authorize(p.actor, "booking.cancel", { org: { id: p.orgId } });
    if (!isUuid(p.bookingId)) throw new NotFoundError("This booking does not exist.");
    const [row] = await tx
      .select({
        booking: bookings,
        location: eventTypes.location,
        eventSlug: eventTypes.slug,
        membership: memberships,
        user: users,
        org: { name: organisations.name, slug: organisations.slug },
      })
      .from(bookings)
      .innerJoin(memberships, eq(memberships.id, bookings.hostMembershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organisations, eq(organisations.id, bookings.orgId))
      .leftJoin(eventTypes, eq(eventTypes.id, bookings.eventTypeId))
      .where(and(eq(bookings.id, p.bookingId), eq(bookings.orgId, p.orgId)))
      .for("update", { of: bookings });
    if (!row) throw new NotFoundError("This booking does not exist.");
    const b = row.booking;
    authorize(p.actor, "booking.cancel", { org: { id: p.orgId }, booking: { hostMembershipId: b.hostMembershipId } });
    if (b.status === "cancelled") throw new ConflictError("This booking is already cancelled.");
    if (b.endsAt <= now) throw new ValidationError("This meeting has already taken place, so it cannot be cancelled.");
    const [cancelled] = await tx
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now })
      .where(eq(bookings.id, b.id))
      .returning(columns);
    const host = hostName(row.membership, row.user);
    // The booker can book again only while the host still hosts.
    const bookAgainUrl = row.membership.state === "active" ? `${env().APP_URL}/${row.org.slug}/${row.membership.slug}` : null;
    await enqueueEmail(tx, {
      orgId: p.orgId,
      kind: "booking.cancelled",
      to: b.attendeeEmail,
      ...bookingCancelledEmail({
        eventTitle: b.eventTitle,
        start: b.startsAt,
        end: b.endsAt,
        location: row.location,
        hostName: host,
        orgName: row.org.name,
        attendeeName: b.attendeeName,
        timeZone: b.attendeeTimeZone ?? row.user.timeZone,
        bookAgainUrl,
      }),
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actor: p.actor,
      action: "booking.cancelled",
      target: `${b.eventTitle} with ${host}, ${b.startsAt.toISOString()}`,
      details: { bookingId: b.id, attendee: b.attendeeEmail },
    });
    return cancelled!;
  });
}
