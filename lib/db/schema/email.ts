import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./orgs";

export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sent", "failed"]);

/**
 * Transactional outbox: an email is written in the same transaction as the
 * change that causes it, and delivered afterwards by lib/email/delivery.ts, so
 * a crash can neither send an email for a rolled-back change nor lose one.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id").references(() => organisations.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while a worker is delivering it, so two instances never send the same email. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** "smtp" or "mailbox" (the development mailbox at /dev/mailbox). */
    transport: text("transport"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Only pending rows, in the order the worker takes them: its plain index scan stops after one batch and
    // marks the entries of rows sent since as dead as it passes, instead of visiting every row ever pending.
    index("email_outbox_pending_idx").on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index("email_outbox_to_idx").on(t.to),
  ],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
