import { and, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { organisations, type MemberState } from "@/lib/db/schema";
import { NotFoundError, SeatLimitError } from "@/lib/errors";

/** PRODUCT.md: invited and active members hold a seat; deactivated members do not. */
export function holdsSeat(state: MemberState): boolean {
  return state === "invited" || state === "active";
}

/**
 * Takes one seat, or throws SeatLimitError. A single conditional UPDATE: the
 * row lock it takes makes concurrent claims (from any app instance) queue,
 * and PostgreSQL re-checks `seats_held < seats` on the row it finally sees,
 * so the count can never pass the purchase. Call it as the LAST statement of
 * the transaction: the lock is held until commit, and keeping that window
 * short is what lets parallel provisioning scale.
 */
export async function claimSeat(tx: Executor, orgId: string): Promise<void> {
  const claimed = await tx
    .update(organisations)
    .set({ seatsHeld: sql`${organisations.seatsHeld} + 1` })
    .where(and(eq(organisations.id, orgId), lt(organisations.seatsHeld, organisations.seats)))
    .returning({ id: organisations.id });
  if (claimed.length > 0) return;
  const [org] = await tx
    .select({ name: organisations.name, seats: organisations.seats, held: organisations.seatsHeld })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  if (!org) throw new NotFoundError("Organisation not found");
  throw new SeatLimitError(org.name, org.seats, org.held);
}

/** Gives a seat back (deactivation, removal). */
export async function releaseSeat(tx: Executor, orgId: string): Promise<void> {
  await tx
    .update(organisations)
    .set({ seatsHeld: sql`${organisations.seatsHeld} - 1` })
    .where(eq(organisations.id, orgId));
}

export interface SeatUsage {
  seats: number;
  held: number;
  available: number;
}

export async function seatUsage(db: Executor, orgId: string): Promise<SeatUsage> {
  const [row] = await db
    .select({ seats: organisations.seats, held: organisations.seatsHeld })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  if (!row) throw new NotFoundError("Organisation not found");
  return { seats: row.seats, held: row.held, available: row.seats - row.held };
}
