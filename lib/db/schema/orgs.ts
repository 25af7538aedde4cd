import { sql } from "drizzle-orm";
import { boolean, check, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** The attributes an IdP sends that Roster can make groups from (title: core User; the others: the enterprise extension). */
export const ATTRIBUTE_GROUP_SOURCES = ["department", "division", "organization", "costCenter", "title"] as const;
export type AttributeGroupSource = (typeof ATTRIBUTE_GROUP_SOURCES)[number];

export const planEnum = pgEnum("plan", ["free", "team", "enterprise"]);
export const billingMethodEnum = pgEnum("billing_method", ["card", "invoice"]);

/**
 * An organisation: read-mostly data (name, plan, SCIM switch, defaults). Its
 * seats live in `organisation_seats`, a row of their own, because every
 * provisioning request changes the count and nearly every request reads this
 * row (and every foreign key to it locks it for a moment).
 */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    plan: planEnum("plan").notNull().default("enterprise"),
    billingMethod: billingMethodEnum("billing_method").notNull().default("card"),
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
    /**
     * The user attribute Roster keeps groups of (one group per value, lib/orgs/attribute-groups.ts),
     * or null when the feature is off. One of ATTRIBUTE_GROUP_SOURCES; the CHECK holds the list.
     */
    attributeGroups: text("attribute_groups").$type<AttributeGroupSource>(),
    defaultEventTitle: text("default_event_title").notNull().default("30 Minute Meeting"),
    defaultEventMinutes: integer("default_event_minutes").notNull().default(30),
    /** How long the audit trail and the provisioning log keep entries; owners change it (lib/audit/retention.ts). */
    auditRetentionDays: integer("audit_retention_days").notNull().default(365),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_slug_key").on(t.slug),
    check(
      "organisations_attribute_groups_known",
      sql`${t.attributeGroups} is null or ${t.attributeGroups} in ('department', 'division', 'organization', 'costCenter', 'title')`,
    ),
    check("organisations_audit_retention_check", sql`${t.auditRetentionDays} between 30 and 3650`),
  ],
);

/**
 * An organisation's seat ledger: seats bought and seats held (invited and
 * active members). `held` is kept by lib/orgs/seats.ts in the same statement
 * or transaction as the membership change; the CHECK makes overselling
 * impossible even for a code path that forgot the rule, and is what refuses a
 * claim when the seats are gone. Nothing refers to this row by foreign key, so
 * its frequent updates lock nothing else.
 */
export const organisationSeats = pgTable(
  "organisation_seats",
  {
    orgId: uuid("org_id")
      .primaryKey()
      .references(() => organisations.id, { onDelete: "cascade" }),
    seats: integer("seats").notNull(),
    held: integer("held").notNull().default(0),
  },
  (t) => [
    check("organisation_seats_seats_nonnegative", sql`${t.seats} >= 0`),
    check("organisation_seats_held_range", sql`${t.held} >= 0 AND ${t.held} <= ${t.seats}`),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
export type OrganisationSeats = typeof organisationSeats.$inferSelect;
