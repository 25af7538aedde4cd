import { and, desc, eq, gte, sql } from "drizzle-orm";
import { actorUserId, type Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { billingChanges, organisations, organisationSeats, users, type Organisation } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { getOrganisation } from "./organisations";

/** The most seats one change adds or removes: a typo ("100000" for "10") is refused, not charged. */
export const MAX_SEATS_PER_CHANGE = 100_000;
/**
 * The most seats an organisation holds in all, whoever adds them (the
 * operator CLI too): far above any customer, far below the integer column,
 * so repeated additions end in a clear 400, never an overflow.
 */
export const MAX_SEATS_TOTAL = 1_000_000;

const count = (n: number) => n.toLocaleString("en-US");

export interface SeatQuote {
  quantity: number;
  unitPriceCents: number;
  /** Share of the billing period left, 0..1. */
  remainingFraction: number;
  amountDueCents: number;
}

/** Price of adding seats now: the yearly seat price prorated over what is left of the period. */
export function quoteSeatAddition(
  org: Pick<Organisation, "seatPriceCents" | "periodStart" | "periodEnd">,
  quantity: number,
  now = new Date(),
): SeatQuote {
  const total = org.periodEnd.getTime() - org.periodStart.getTime();
  const left = Math.min(Math.max(org.periodEnd.getTime() - now.getTime(), 0), total);
  const remainingFraction = total > 0 ? left / total : 0;
  return {
    quantity,
    unitPriceCents: org.seatPriceCents,
    remainingFraction,
    amountDueCents: Math.round(quantity * org.seatPriceCents * remainingFraction),
  };
}

function assertQuantity(quantity: number) {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_SEATS_PER_CHANGE) {
    throw new ValidationError(`Choose a whole number of seats between 1 and ${count(MAX_SEATS_PER_CHANGE)}.`, "quantity");
  }
}

/**
 * Raises the seat count at once and records the billing change. Organisations
 * that pay by invoice change seats through their Customer Success Manager, so
 * an admin is refused (lib/policy.ts; the operator CLI is how the CSM applies it).
 */
export async function addSeats(db: Executor, p: { orgId: string; quantity: number; actor: Actor }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ org: organisations, seats: organisationSeats.seats })
      .from(organisations)
      .innerJoin(organisationSeats, eq(organisationSeats.orgId, organisations.id))
      .where(eq(organisations.id, p.orgId))
      .for("update", { of: organisationSeats });
    if (!row) throw new NotFoundError("Organisation not found");
    authorize(p.actor, "seats.add", { org: row.org });
    assertQuantity(p.quantity);
    const before = { ...row.org, seats: row.seats };
    const quote = quoteSeatAddition(before, p.quantity);
    const charged = p.actor.kind === "user" ? quote.amountDueCents : 0;
    const seatsAfter = before.seats + p.quantity;
    if (seatsAfter > MAX_SEATS_TOTAL) {
      throw new ValidationError(
        `An organisation can hold at most ${count(MAX_SEATS_TOTAL)} seats; ${row.org.name} has ${count(before.seats)}, so at most ${count(MAX_SEATS_TOTAL - before.seats)} more can be added. Contact Roster's team for more.`,
        "quantity",
      );
    }
    await tx.update(organisationSeats).set({ seats: seatsAfter }).where(eq(organisationSeats.orgId, p.orgId));
    await tx.insert(billingChanges).values({
      orgId: p.orgId,
      actorUserId: actorUserId(p.actor),
      kind: "add_seats",
      quantity: p.quantity,
      seatsBefore: before.seats,
      seatsAfter,
      unitPriceCents: quote.unitPriceCents,
      amountDueCents: charged,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actor: p.actor,
      action: "seats.added",
      target: `${count(before.seats)} → ${count(seatsAfter)}`,
      details: { quantity: p.quantity, amountDueCents: charged },
    });
    return { seatsBefore: before.seats, seatsAfter, amountDueCents: charged };
  });
}

/** Removes unused seats; never below the seats held (the CHECK constraint would refuse it anyway). */
export async function removeSeats(db: Executor, p: { orgId: string; quantity: number; actor: Actor }) {
  return db.transaction(async (tx) => {
    authorize(p.actor, "seats.remove", { org: await getOrganisation(tx, p.orgId) });
    assertQuantity(p.quantity);
    const [updated] = await tx
      .update(organisationSeats)
      .set({ seats: sql`${organisationSeats.seats} - ${p.quantity}` })
      .where(and(eq(organisationSeats.orgId, p.orgId), gte(sql`${organisationSeats.seats} - ${p.quantity}`, organisationSeats.held)))
      .returning();
    if (!updated) {
      const [org] = await tx.select().from(organisationSeats).where(eq(organisationSeats.orgId, p.orgId));
      if (!org) throw new NotFoundError("Organisation not found");
      const unused = org.seats - org.held;
      throw new ValidationError(
        `Only ${count(unused)} of ${count(org.seats)} seats are unused, so at most ${count(unused)} can be removed. Deactivate members first to free more.`,
        "quantity",
      );
    }
    const seatsBefore = updated.seats + p.quantity;
    const [{ seatPriceCents }] = (await tx
      .select({ seatPriceCents: organisations.seatPriceCents })
      .from(organisations)
      .where(eq(organisations.id, p.orgId))) as [{ seatPriceCents: number }];
    await tx.insert(billingChanges).values({
      orgId: p.orgId,
      actorUserId: actorUserId(p.actor),
      kind: "remove_seats",
      quantity: p.quantity,
      seatsBefore,
      seatsAfter: updated.seats,
      unitPriceCents: seatPriceCents,
      amountDueCents: 0,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actor: p.actor,
      action: "seats.removed",
      target: `${count(seatsBefore)} → ${count(updated.seats)}`,
      details: { quantity: p.quantity },
    });
    return { seatsBefore, seatsAfter: updated.seats };
  });
}

/** The organisation's seat changes, newest first, with who made them (for the Billing page). */
export async function billingHistory(db: Executor, orgId: string, limit = 20) {
  return db
    .select({
      id: billingChanges.id,
      kind: billingChanges.kind,
      quantity: billingChanges.quantity,
      seatsBefore: billingChanges.seatsBefore,
      seatsAfter: billingChanges.seatsAfter,
      unitPriceCents: billingChanges.unitPriceCents,
      amountDueCents: billingChanges.amountDueCents,
      at: billingChanges.at,
      actorEmail: users.email,
    })
    .from(billingChanges)
    .leftJoin(users, eq(users.id, billingChanges.actorUserId))
    .where(eq(billingChanges.orgId, orgId))
    .orderBy(desc(billingChanges.at), desc(billingChanges.id))
    .limit(limit);
}
