import { and, asc, desc, eq, gt, lt } from "drizzle-orm";
import type { Executor, Tx } from "@/lib/db";
import { bookings, eventTypes, memberships, organisations, users, type EventType, type Membership, type User } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors";
import { getWorkingHours } from "./availability";
import { BOOKING_WINDOW_DAYS, computeSlots, type Interval, type SlotQuery } from "./slots";

/**
 * Who can be booked at /<org>/<member>. The host's state is read on every
 * request: a member deactivated a second ago is not bookable now, and the
 * same member reactivated is bookable again with nothing else changed.
 */
export interface Host {
  org: { id: string; name: string; slug: string };
  membership: Membership;
  user: User;
  name: string;
}

/** PRODUCT: only active members host events; invited ones have not joined yet, deactivated ones cannot. */
const canHost = (m: Pick<Membership, "state">) => m.state === "active";

/** Refusal for an inactive or unknown host: the same answer for both, so a page does not reveal who was deactivated. */
export class HostUnavailableError extends NotFoundError {
  constructor() {
    super("This person is not available for booking.");
  }
}

export function hostName(m: Pick<Membership, "displayName">, u: Pick<User, "givenName" | "familyName" | "email">): string {
  return m.displayName?.trim() || [u.givenName, u.familyName].filter(Boolean).join(" ") || (u.email.split("@")[0] ?? u.email);
}

/**
 * The bookable host, or null. `lock` locks the membership row for the rest of
 * the transaction; `anyState` also finds hosts who cannot host now (for
 * confirmation pages of bookings already made).
 */
export async function findHost(
  db: Executor | Tx,
  orgSlug: string,
  memberSlug: string,
  opts: { lock?: boolean; anyState?: boolean } = {},
): Promise<Host | null> {
  if (orgSlug.length > 100 || memberSlug.length > 100) return null;
  const q = db
    .select({ membership: memberships, user: users, org: { id: organisations.id, name: organisations.name, slug: organisations.slug } })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.slug, orgSlug.toLowerCase()), eq(memberships.slug, memberSlug.toLowerCase())));
  // NO KEY UPDATE: bookings of one host queue behind each other and behind a deactivation
  // (FOR UPDATE), but not behind a group change inserting the host's managed copies (KEY SHARE).
  const [row] = opts.lock ? await q.for("no key update", { of: memberships }) : await q;
  if (!row || (!opts.anyState && !canHost(row.membership))) return null;
  return { ...row, name: hostName(row.membership, row.user) };
}

export async function bookableEventTypes(db: Executor, membershipId: string): Promise<EventType[]> {
  return db
    .select()
    .from(eventTypes)
    .where(and(eq(eventTypes.membershipId, membershipId), eq(eventTypes.active, true)))
    .orderBy(desc(eventTypes.isDefault), asc(eventTypes.durationMinutes), asc(eventTypes.title));
}


export async function findBookableEventType(db: Executor, membershipId: string, slug: string): Promise<EventType | null> {
  if (slug.length > 100) return null;
  const [row] = await db
    .select()
    .from(eventTypes)
    .where(and(eq(eventTypes.membershipId, membershipId), eq(eventTypes.slug, slug.toLowerCase()), eq(eventTypes.active, true)));
  return row ?? null;
}

/** Confirmed bookings of the host that could overlap a slot offered now. */
async function busyIntervals(db: Executor, membershipId: string, now: Date): Promise<Interval[]> {
  const horizon = new Date(now.getTime() + (BOOKING_WINDOW_DAYS + 1) * 86_400_000);
  return db
    .select({ start: bookings.startsAt, end: bookings.endsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.hostMembershipId, membershipId),
        eq(bookings.status, "confirmed"),
        gt(bookings.endsAt, now),
        lt(bookings.startsAt, horizon),
      ),
    );
}

/** Everything the slot rule needs for one host and event type, read at `now`. */
export async function slotQuery(db: Executor, host: Host, eventType: EventType, now: Date): Promise<SlotQuery> {
  const rules = await getWorkingHours(db, host.membership.id);
  const busy = await busyIntervals(db, host.membership.id, now);
  return { rules, busy, timeZone: host.user.timeZone, durationMinutes: eventType.durationMinutes, now };
}

export async function freeSlots(db: Executor, host: Host, eventType: EventType, now = new Date()): Promise<Date[]> {
  return computeSlots(await slotQuery(db, host, eventType, now));
}
