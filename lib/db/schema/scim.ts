import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./orgs";
import { users } from "./users";

/**
 * SCIM bearer tokens. Only a SHA-256 of the token is stored (the token is
 * 256 random bits, so a fast hash is enough); `prefix` is what the admin sees
 * to tell tokens apart. Several may be live at once so an IdP can rotate.
 */
export const scimTokens = pgTable(
  "scim_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    label: text("label"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("scim_tokens_hash_key").on(t.tokenHash),
    index("scim_tokens_org_idx").on(t.orgId),
    index("scim_tokens_created_by_idx").on(t.createdBy).where(sql`${t.createdBy} IS NOT NULL`),
  ],
);

/** Every SCIM request: what the Security page's provisioning log shows. Never holds tokens or passwords. */
export const provisioningLog = pgTable(
  "provisioning_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    tokenId: uuid("token_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    /** "User" or "Group" (or null for discovery). */
    resourceType: text("resource_type"),
    resourceId: uuid("resource_id"),
    /** userName or displayName of the target, for people reading the log. */
    target: text("target"),
    /** The target person's name (or group's display name) as it was, so a DELETE still shows who it was. */
    targetName: text("target_name"),
    operation: text("operation"),
    status: integer("status").notNull(),
    scimType: text("scim_type"),
    detail: text("detail"),
    durationMs: integer("duration_ms").notNull().default(0),
    userAgent: text("user_agent"),
    /** Attributes the IdP sent that Roster does not store (IdP quirk notes). */
    ignoredAttributes: jsonb("ignored_attributes").$type<string[]>(),
    /** The request's X-Request-Id (lib/log/request-id.ts), also on the server's log line; null on rows older than it. */
    requestId: text("request_id"),
  },
  (t) => [
    index("provisioning_log_org_at_idx").on(t.orgId, t.at),
    index("provisioning_log_org_resource_idx").on(t.orgId, t.resourceId, t.at),
    // The Users page looks for seat refusals (403s) on every load; a busy log must not make it scan.
    index("provisioning_log_refusals_idx").on(t.orgId, t.at).where(sql`${t.status} = 403`),
    // A member's timeline finds requests by the userName they carried (a refused create has no id yet).
    index("provisioning_log_org_target_idx").on(t.orgId, sql`lower(${t.target})`),
  ],
);

/** Fixed-window request counters shared by every app instance (per SCIM token). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

export type ScimToken = typeof scimTokens.$inferSelect;
export type ProvisioningLogEntry = typeof provisioningLog.$inferSelect;
