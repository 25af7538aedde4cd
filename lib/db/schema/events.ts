import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { groups, memberships } from "./memberships";
import { organisations } from "./orgs";
import { users } from "./users";

/**
 * Event types a person can be booked for. Personal ones have no organisation
 * and survive leaving it; organisation ones hang off the membership and go
 * with it. A copy of a managed event type is locked (`managedEventTypeId`).
 * Nothing here refers to calendar connections: SCIM never touches them.
 */
export const eventTypes = pgTable(
  "event_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id").references(() => memberships.id, { onDelete: "cascade" }),
    managedEventTypeId: uuid("managed_event_type_id").references(() => managedEventTypes.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    description: text("description"),
    location: text("location"),
    active: boolean("active").notNull().default(true),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("event_types_membership_slug_key").on(t.membershipId, t.slug).where(sql`${t.membershipId} IS NOT NULL`),
    uniqueIndex("event_types_personal_slug_key").on(t.userId, t.slug).where(sql`${t.membershipId} IS NULL`),
    uniqueIndex("event_types_membership_managed_key")
      .on(t.membershipId, t.managedEventTypeId)
      .where(sql`${t.managedEventTypeId} IS NOT NULL`),
    index("event_types_user_idx").on(t.userId),
    index("event_types_managed_idx").on(t.managedEventTypeId),
    check("event_types_duration_range", sql`${t.durationMinutes} BETWEEN 5 AND 720`),
  ],
);

/** An event type an admin defines once and pushes to everyone or to groups. */
export const managedEventTypes = pgTable(
  "managed_event_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    description: text("description"),
    location: text("location"),
    assignToAll: boolean("assign_to_all").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("managed_event_types_org_slug_key").on(t.orgId, t.slug),
    check("managed_event_types_duration_range", sql`${t.durationMinutes} BETWEEN 5 AND 720`),
  ],
);

export const managedEventAssignments = pgTable(
  "managed_event_assignments",
  {
    managedEventTypeId: uuid("managed_event_type_id")
      .notNull()
      .references(() => managedEventTypes.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.managedEventTypeId, t.groupId] }),
    index("managed_event_assignments_group_idx").on(t.groupId),
  ],
);

/** Weekly working hours, in minutes after midnight in the member's time zone. */
export const availabilityRules = pgTable(
  "availability_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    startMinute: smallint("start_minute").notNull(),
    endMinute: smallint("end_minute").notNull(),
  },
  (t) => [
    index("availability_rules_membership_idx").on(t.membershipId),
    check("availability_rules_weekday", sql`${t.weekday} BETWEEN 0 AND 6`),
    check(
      "availability_rules_minutes",
      sql`${t.startMinute} >= 0 AND ${t.endMinute} <= 1440 AND ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
);

export const bookingStatusEnum = pgEnum("booking_status", ["confirmed", "cancelled"]);

export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    hostMembershipId: uuid("host_membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    /** Kept when the event type goes (a member deletes it, a managed copy is unassigned): the meeting still happens. */
    eventTypeId: uuid("event_type_id").references(() => eventTypes.id, { onDelete: "set null" }),
    /** The event type's title when booked, for emails and the host's list after the type is gone. */
    eventTitle: text("event_title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    attendeeName: text("attendee_name").notNull(),
    attendeeEmail: text("attendee_email").notNull(),
    /** The visitor's time zone as their browser reported it, for their confirmation email. */
    attendeeTimeZone: text("attendee_time_zone"),
    status: bookingStatusEnum("status").notNull().default("confirmed"),
    /** When the host (or an admin) cancelled it; null while confirmed. */
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The same host cannot be booked twice for the same start, whatever the race.
    uniqueIndex("bookings_host_start_key").on(t.hostMembershipId, t.startsAt).where(sql`${t.status} = 'confirmed'`),
    index("bookings_host_range_idx").on(t.hostMembershipId, t.startsAt, t.endsAt),
    // Deleting an event type (with its member) checks this foreign key (ON DELETE SET NULL).
    index("bookings_event_type_idx").on(t.eventTypeId).where(sql`${t.eventTypeId} IS NOT NULL`),
    check("bookings_range", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export type EventType = typeof eventTypes.$inferSelect;
export type ManagedEventType = typeof managedEventTypes.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type AvailabilityRule = typeof availabilityRules.$inferSelect;
