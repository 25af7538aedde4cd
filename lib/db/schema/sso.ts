import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * SAML assertion IDs already consumed, kept until the assertion would have
 * expired anyway, so that a replayed response is refused by every instance
 * (Jackson keeps no such record).
 */
export const samlUsedAssertions = pgTable("saml_used_assertions", {
  assertionId: text("assertion_id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
