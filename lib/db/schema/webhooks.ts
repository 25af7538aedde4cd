import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./orgs";

/**
 * An organisation's webhook endpoint (docs/webhooks.md). The signing secret is
 * kept as the Standard Webhooks `whsec_` string: Roster must sign with it, so
 * a hash would not do, and Roster has no key-encryption mechanism to wrap it
 * with. It is shown to an admin once, when made or rotated, and never again.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** The event types sent to it (lib/webhooks/events.ts). */
    events: text("events").array().notNull(),
    secret: text("secret").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why Roster turned it off (three days of failures), shown on the page; null when on or an admin turned it off. */
    disabledReason: text("disabled_reason"),
    /** The first failure of the current run of failures; a success clears it. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_org_idx").on(t.orgId)],
);

export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", ["pending", "delivered", "failed"]);

/**
 * The webhook outbox and the delivery log in one: a row is written in the same
 * transaction as the change (lib/webhooks/emit.ts), delivered by
 * lib/webhook-delivery, and stays as the endpoint's log line. `messageId` is
 * the `webhook-id` header, the same on every attempt and every resend, so a
 * receiver can drop duplicates.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: text("message_id").notNull().unique(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    /** The whole signed body: { type, timestamp, data }. */
    payload: jsonb("payload").notNull(),
    /**
     * Which person or group `data` describes, until the first attempt turns it into their SCIM representation
     * (lib/webhook-delivery/payload.ts) and stores that in `payload`, so every later attempt sends the same bytes.
     */
    subject: jsonb("subject"),
    status: webhookDeliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while a worker sends it, so two instances never send it at once. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    responseStatus: integer("response_status"),
    latencyMs: integer("latency_ms"),
    /** The first few hundred characters of the response or the error: never the whole body. */
    responseExcerpt: text("response_excerpt"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_pending_idx").on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
    index("webhook_deliveries_org_idx").on(t.orgId),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
