import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./orgs";
import { users } from "./users";

/**
 * One audit trail of every change and every sign-in, whoever made it: people, the IdP (by token
 * name), the operator CLI, Roster itself. Each row keeps a snapshot of who it was about (the
 * subject's name and email at the time), so a person deleted since stays findable by name.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Who did it, as people read it: an email, "IdP (SCIM)" or "operator CLI". Kept if the account goes. */
    actorLabel: text("actor_label").notNull(),
    /** user | scim | operator | system: the actor filter of the audit page. */
    actorKind: text("actor_kind").notNull().default("user"),
    action: text("action").notNull(),
    target: text("target"),
    /** The person the entry is about, as they were then; no foreign key, so deleting them keeps the row. */
    subjectId: uuid("subject_id"),
    subjectName: text("subject_name"),
    subjectEmail: text("subject_email"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_org_at_idx").on(t.orgId, t.at),
    // Deleting an account checks this foreign key (ON DELETE SET NULL): without it, a scan of the whole log.
    index("audit_log_actor_idx").on(t.actorUserId).where(sql`${t.actorUserId} IS NOT NULL`),
    // Search by part of a name or address (deleted people included) without scanning the trail.
    index("audit_log_search_trgm_idx").using("gin", sql`${auditSearchText(t)} gin_trgm_ops`),
    // Paging newest first and the retention job's oldest-first batches.
    index("audit_log_org_id_idx").on(t.orgId, t.id),
  ],
);

/** What the audit search matches: the subject's name and email, the target and the actor, lower-cased (the trigram index's expression). */
export function auditSearchText(t: { subjectName: AnyPgColumn; subjectEmail: AnyPgColumn; target: AnyPgColumn; actorLabel: AnyPgColumn }) {
  return sql`lower(coalesce(${t.subjectName}, '') || ' ' || coalesce(${t.subjectEmail}, '') || ' ' || coalesce(${t.target}, '') || ' ' || ${t.actorLabel})`;
}

export const billingChangeKindEnum = pgEnum("billing_change_kind", ["add_seats", "remove_seats"]);

/** Seat purchases and reductions with the amounts charged (payment provider out of scope). */
export const billingChanges = pgTable(
  "billing_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: billingChangeKindEnum("kind").notNull(),
    quantity: integer("quantity").notNull(),
    seatsBefore: integer("seats_before").notNull(),
    seatsAfter: integer("seats_after").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    amountDueCents: integer("amount_due_cents").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("billing_changes_org_at_idx").on(t.orgId, t.at),
    index("billing_changes_actor_idx").on(t.actorUserId).where(sql`${t.actorUserId} IS NOT NULL`),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
export type BillingChange = typeof billingChanges.$inferSelect;
