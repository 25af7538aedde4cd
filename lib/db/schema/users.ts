import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { personSearchText, personSortKey } from "./search-keys";

export const accountOriginEnum = pgEnum("account_origin", ["personal", "provisioned"]);

/**
 * A person, keyed by email (case-insensitive, unique). An account exists on its
 * own (a free personal account) or because an IdP provisioned it; `origin`
 * decides what a SCIM delete does to it (PRODUCT.md, "Delete").
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    givenName: text("given_name"),
    familyName: text("family_name"),
    origin: accountOriginEnum("origin").notNull().default("personal"),
    timeZone: text("time_zone").notNull().default("UTC"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    // The Users page sorts by name and searches by substring at 100,000 members (search-keys.ts).
    index("users_sort_name_idx").on(personSortKey(t), t.id),
    index("users_search_trgm_idx").using("gin", sql`${personSearchText(t)} gin_trgm_ops`),
  ],
);

/**
 * Server-side sessions (next-auth database strategy). Only a SHA-256 of the
 * cookie value is stored, so a database dump cannot be replayed as a login.
 * Deleting the rows ends the sessions at their next request.
 */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Magic-link tokens; next-auth hashes them with the secret before they get here. */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.tokenHash] })],
);

/** Links from an OAuth/SAML provider identity to an account (next-auth `Account`). */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("auth_accounts_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
