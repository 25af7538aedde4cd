import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./orgs";
import { users } from "./users";

/** Every admin action (role change, seats, tokens, SSO/SCIM toggles, invites, removals). */
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
    action: text("action").notNull(),
    target: text("target"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_org_at_idx").on(t.orgId, t.at),
    // Deleting an account checks this foreign key (ON DELETE SET NULL): without it, a scan of the whole log.
    index("audit_log_actor_idx").on(t.actorUserId).where(sql`${t.actorUserId} IS NOT NULL`),
  ],
);

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
