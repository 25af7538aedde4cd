import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations } from "./orgs";
import { memberSearchText } from "./search-keys";
import { users } from "./users";

export const roleEnum = pgEnum("member_role", ["owner", "admin", "user"]);
export const memberStateEnum = pgEnum("member_state", ["invited", "active", "deactivated"]);
export const memberSourceEnum = pgEnum("member_source", ["scim", "manual", "operator"]);

/**
 * An account's place in an organisation. Its id is the SCIM User id. Invited
 * and active memberships hold a seat (see lib/orgs/seats.ts).
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull().default("user"),
    state: memberStateEnum("state").notNull().default("invited"),
    source: memberSourceEnum("source").notNull().default("manual"),
    /** Public booking path segment: /<org slug>/<member slug>. */
    slug: text("slug").notNull(),
    /** SCIM `userName` as the IdP sent it (unique per organisation, case-insensitive). */
    userName: text("user_name").notNull(),
    externalId: text("external_id"),
    displayName: text("display_name"),
    /** SCIM attributes Roster keeps for round-tripping but does not act on (emails, phones, enterprise extension…). */
    scimAttributes: jsonb("scim_attributes").$type<Record<string, unknown>>().notNull().default({}),
    /** Incremented on every change; the SCIM ETag is W/"<version>". */
    version: integer("version").notNull().default(1),
    stateChangedAt: timestamp("state_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** First sign-in (invitation accepted); a reactivated member returns to `active` only if set. */
    joinedAt: timestamp("joined_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // An account belongs to at most one organisation at a time.
    uniqueIndex("memberships_user_key").on(t.userId),
    // Target of composite foreign keys that keep group members inside their organisation.
    unique("memberships_org_id_key").on(t.orgId, t.id),
    uniqueIndex("memberships_org_user_name_key").on(t.orgId, sql`lower(${t.userName})`),
    uniqueIndex("memberships_org_slug_key").on(t.orgId, t.slug),
    // Exactly one owner: at most one here, at least one by the domain functions.
    uniqueIndex("memberships_one_owner_key").on(t.orgId).where(sql`${t.role} = 'owner'`),
    index("memberships_org_external_id_idx").on(t.orgId, t.externalId),
    index("memberships_org_state_idx").on(t.orgId, t.state),
    index("memberships_org_created_idx").on(t.orgId, t.createdAt, t.id),
    index("memberships_org_state_changed_idx").on(t.orgId, t.state, t.stateChangedAt, t.id),
    index("memberships_org_role_idx").on(t.orgId, t.role, t.createdAt, t.id),
    index("memberships_search_trgm_idx").using("gin", sql`${memberSearchText(t)} gin_trgm_ops`),
  ],
);

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    externalId: text("external_id"),
    /** Created or last written by the IdP over SCIM: read-only in the app while SCIM is on. */
    managedByIdp: boolean("managed_by_idp").notNull().default(false),
    /**
     * Set on a group Roster keeps from a user attribute (the attribute's name; the group's name is the value):
     * its members follow that attribute, it is read-only to people, and the SCIM Groups endpoint does not show it.
     */
    fromAttribute: text("from_attribute"),
    /** When a group made in Roster was first written by the IdP and so became IdP-managed ("Managed by your IdP since …"); null for groups the IdP created or never touched. */
    adoptedByIdpAt: timestamp("adopted_by_idp_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("groups_org_id_key").on(t.orgId, t.id),
    // Attribute groups have a name space of their own, so an IdP pushing a group named like a department never clashes with it.
    uniqueIndex("groups_org_display_name_key").on(t.orgId, sql`lower(${t.displayName})`).where(sql`${t.fromAttribute} is null`),
    uniqueIndex("groups_org_attribute_value_key").on(t.orgId, sql`lower(${t.displayName})`).where(sql`${t.fromAttribute} is not null`),
    index("groups_org_external_id_idx").on(t.orgId, t.externalId),
    index("groups_org_created_idx").on(t.orgId, t.createdAt, t.id),
  ],
);

/**
 * Group membership. `org_id` is repeated so that composite foreign keys prove,
 * in the database, that a group and its members share an organisation.
 */
export const groupMembers = pgTable(
  "group_members",
  {
    orgId: uuid("org_id").notNull(),
    groupId: uuid("group_id").notNull(),
    membershipId: uuid("membership_id").notNull(),
    /** The label the IdP sent with the member (SCIM `members[].display`), if any; shown instead of the user's name. */
    display: text("display"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.membershipId] }),
    index("group_members_membership_idx").on(t.membershipId),
    foreignKey({
      name: "group_members_group_fk",
      columns: [t.orgId, t.groupId],
      foreignColumns: [groups.orgId, groups.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "group_members_membership_fk",
      columns: [t.orgId, t.membershipId],
      foreignColumns: [memberships.orgId, memberships.id],
    }).onDelete("cascade"),
  ],
);

export type Membership = typeof memberships.$inferSelect;
export type NewMembership = typeof memberships.$inferInsert;
export type Role = (typeof roleEnum.enumValues)[number];
export type MemberState = (typeof memberStateEnum.enumValues)[number];
export type MemberSource = (typeof memberSourceEnum.enumValues)[number];
export type Group = typeof groups.$inferSelect;
