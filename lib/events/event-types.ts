import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { eventTypes, type EventType } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { isUuid, slugify } from "@/lib/validation";
import type { CreateEventTypeInput, UpdateEventTypeInput } from "./schemas";

export type { EventType } from "@/lib/db/schema";

/**
 * A person's own event types. Inside an organisation they belong to the
 * membership (and go with it); without one they are personal (membership
 * NULL) and survive joining and leaving organisations. Copies of managed
 * event types are locked: only the admin's edits change them.
 */
export interface EventTypeOwner {
  userId: string;
  /** The caller's membership, or null for a personal account. */
  membershipId: string | null;
  orgId: string | null;
}

export async function listOwnEventTypes(db: Executor, owner: EventTypeOwner): Promise<{ org: EventType[]; personal: EventType[] }> {
  const rows = await db
    .select()
    .from(eventTypes)
    .where(eq(eventTypes.userId, owner.userId))
    .orderBy(sql`${eventTypes.managedEventTypeId} is null`, desc(eventTypes.isDefault), asc(eventTypes.title));
  return {
    org: owner.membershipId ? rows.filter((r) => r.membershipId === owner.membershipId) : [],
    personal: rows.filter((r) => r.membershipId === null),
  };
}

const slugTaken = (slug: string) =>
  new ConflictError(`You already have an event type at the URL name “${slug}”. Choose another one.`, "slug");

export async function createEventType(db: Executor, owner: EventTypeOwner, input: CreateEventTypeInput): Promise<EventType> {
  const slug = input.slug ?? slugify(input.title, "meeting");
  try {
    const [row] = await db
      .insert(eventTypes)
      .values({
        userId: owner.userId,
        orgId: owner.orgId,
        membershipId: owner.membershipId,
        title: input.title,
        slug,
        durationMinutes: input.durationMinutes,
        description: input.description,
        location: input.location,
        active: input.active,
      })
      .returning();
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken(slug);
    throw e;
  }
}

/** The caller's own event type (org or personal), never someone else's: others are "not found". */
async function ownEventType(db: Executor, owner: EventTypeOwner, id: string): Promise<EventType> {
  if (!isUuid(id)) throw new NotFoundError("Event type not found.");
  const scope = owner.membershipId
    ? sql`(${eventTypes.membershipId} = ${owner.membershipId} or ${eventTypes.membershipId} is null)`
    : isNull(eventTypes.membershipId);
  const [row] = await db
    .select()
    .from(eventTypes)
    .where(and(eq(eventTypes.id, id), eq(eventTypes.userId, owner.userId), scope));
  if (!row) throw new NotFoundError("Event type not found.");
  if (row.managedEventTypeId) {
    throw new ForbiddenError("This event type is managed by your organisation's admins: only they can change or remove it.");
  }
  return row;
}

export async function updateEventType(
  db: Executor,
  owner: EventTypeOwner,
  id: string,
  patch: UpdateEventTypeInput,
): Promise<EventType> {
  const current = await ownEventType(db, owner, id);
  try {
    const [row] = await db
      .update(eventTypes)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(eventTypes.id, current.id))
      .returning();
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken(patch.slug ?? current.slug);
    throw e;
  }
}

/** Removes the event type; bookings made with it stay (they keep its title). */
export async function deleteEventType(db: Executor, owner: EventTypeOwner, id: string): Promise<void> {
  const current = await ownEventType(db, owner, id);
  await db.delete(eventTypes).where(eq(eventTypes.id, current.id));
}
