import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberships } from "./memberships";
import { organisations } from "./orgs";
import { users } from "./users";

/**
 * An invitation to join an organisation. Only the SHA-256 of the token is
 * stored; the token itself exists only in the email. Single use: accepting
 * sets `acceptedAt`; resending revokes the previous one.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    /** Who sent it: an admin's account, or null when the IdP provisioned the member. */
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_membership_idx").on(t.membershipId),
    // Deleting an account checks this foreign key (ON DELETE SET NULL): without an index, every SCIM
    // delete read the whole table. Most invitations come from the IdP and have no inviter.
    index("invitations_invited_by_idx").on(t.invitedBy).where(sql`${t.invitedBy} IS NOT NULL`),
  ],
);

export type Invitation = typeof invitations.$inferSelect;
