import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberships } from "./memberships";
import { organisations } from "./orgs";

/**
 * Issue 16 "Nobody left waiting for a seat": what the IdP sent for a SCIM
 * create or reactivation refused for lack of seats, so an admin can add the
 * person once seats are bought. One entry per userName per organisation (a
 * repeat refreshes it). `admittedMembershipId` is set when an admin added the
 * person: the IdP never got an id, so its retried POST must link to that member.
 */
export const seatWaitlist = pgTable(
  "seat_waitlist",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userName: text("user_name").notNull(),
    externalId: text("external_id"),
    /** "create" (POST /Users) or "reactivate" (a deactivated member's active: true). */
    kind: text("kind").notNull(),
    /** The member a refused reactivation was about. */
    membershipId: uuid("membership_id").references(() => memberships.id, { onDelete: "cascade" }),
    /** The SCIM User as the IdP sent it (normalised), replayed when an admin adds the person. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    firstRefusedAt: timestamp("first_refused_at", { withTimezone: true }).notNull().defaultNow(),
    lastRefusedAt: timestamp("last_refused_at", { withTimezone: true }).notNull().defaultNow(),
    admittedMembershipId: uuid("admitted_membership_id").references(() => memberships.id, { onDelete: "cascade" }),
    admittedAt: timestamp("admitted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("seat_waitlist_org_user_name_key").on(t.orgId, sql`lower(${t.userName})`)],
);

/**
 * Issue 16 "A guard against mass deprovisioning": one row per organisation
 * that has touched it (created on first use, so absent means the defaults).
 * Deactivations and deletions lock this row, which is what makes the count
 * exact across app instances.
 */
export const deprovisionGuards = pgTable("deprovision_guards", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(true),
  /** At least this many deprovisionings an hour are always allowed. */
  minCount: integer("min_count").notNull().default(5),
  /** ...or this percentage of the organisation's members, whichever is larger. */
  percent: integer("percent").notNull().default(10),
  /** An owner or admin pressed Allow: until then nothing is held. */
  allowedUntil: timestamp("allowed_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every SCIM deactivation and deletion applied: what the guard counts over the last hour. */
export const deprovisionings = pgTable(
  "deprovisionings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** No foreign key: a deleted member's row is gone, its count stays. */
    membershipId: uuid("membership_id").notNull(),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deprovisionings_org_at_idx").on(t.orgId, t.at)],
);

/** A SCIM deactivation or deletion the guard held, until it applies (Allow) or the member is gone. */
export const heldDeprovisionings = pgTable(
  "held_deprovisionings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    /** "deactivate" or "delete". */
    kind: text("kind").notNull(),
    userName: text("user_name").notNull(),
    firstHeldAt: timestamp("first_held_at", { withTimezone: true }).notNull().defaultNow(),
    lastRetriedAt: timestamp("last_retried_at", { withTimezone: true }).notNull().defaultNow(),
    retries: integer("retries").notNull().default(0),
    /** "Keep blocked": the banner no longer lists it; the IdP's retries are still held. */
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("held_deprovisionings_member_kind_key").on(t.membershipId, t.kind), index("held_deprovisionings_org_idx").on(t.orgId)],
);

export type SeatWaitlistEntry = typeof seatWaitlist.$inferSelect;
export type DeprovisionGuard = typeof deprovisionGuards.$inferSelect;
export type HeldDeprovisioning = typeof heldDeprovisionings.$inferSelect;
