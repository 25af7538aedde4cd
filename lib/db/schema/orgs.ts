import { sql } from "drizzle-orm";
import { boolean, check, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const planEnum = pgEnum("plan", ["free", "team", "enterprise"]);
export const billingMethodEnum = pgEnum("billing_method", ["card", "invoice"]);

/**
 * An organisation and its seat ledger. `seatsHeld` is a counter kept by the
 * domain functions in lib/orgs/seats.ts inside the same transaction as the
 * membership change; the CHECK constraints make overselling impossible even if
 * a code path forgot the rule, and the conditional UPDATE that claims a seat is
 * the lock that keeps parallel requests (and app instances) honest.
 */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    plan: planEnum("plan").notNull().default("enterprise"),
    billingMethod: billingMethodEnum("billing_method").notNull().default("card"),
    seats: integer("seats").notNull(),
    seatsHeld: integer("seats_held").notNull().default(0),
    /** Price of one seat for a whole billing period, in cents. */
    seatPriceCents: integer("seat_price_cents").notNull().default(1500),
    /** Current billing period, used to prorate seat additions. */
    periodStart: timestamp("period_start", { withTimezone: true }).notNull().defaultNow(),
    periodEnd: timestamp("period_end", { withTimezone: true })
      .notNull()
      .default(sql`now() + interval '1 year'`),
    scimEnabled: boolean("scim_enabled").notNull().default(false),
    /** Set while the organisation has a working SAML connection (Jackson holds the connection itself). SCIM requires it in the app. */
    ssoConfiguredAt: timestamp("sso_configured_at", { withTimezone: true }),
    /** The admin allows IdP-initiated (unsolicited) SAML sign-in; otherwise every response must answer Roster's own request. */
    ssoIdpInitiated: boolean("sso_idp_initiated").notNull().default(false),
    defaultEventTitle: text("default_event_title").notNull().default("30 Minute Meeting"),
    defaultEventMinutes: integer("default_event_minutes").notNull().default(30),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_slug_key").on(t.slug),
    check("organisations_seats_nonnegative", sql`${t.seats} >= 0`),
    check("organisations_seats_held_range", sql`${t.seatsHeld} >= 0 AND ${t.seatsHeld} <= ${t.seats}`),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
