import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The demo IdP's own storage (development and ROSTER_DEMO=1 only): its signing
 * key and certificate, and the directory it provisions over SCIM. It plays an
 * outside identity provider, so it keeps its state apart from Roster's tables,
 * as small JSON documents under fixed keys. Kept in the database (not a file)
 * so that every app instance signs with the same key.
 */
export const demoIdpState = pgTable("demo_idp_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
