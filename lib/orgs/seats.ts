import { and, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { isCheckViolation } from "@/lib/db/errors";
import { organisations, organisationSeats } from "@/lib/db/schema";
import { NotFoundError, SeatLimitError } from "@/lib/errors";
import { countSeatRefusal } from "@/lib/metrics/seats";

/** The CHECK that refuses a claim when every seat is held (drizzle/0008). */
const SEATS_HELD_CHECK = "organisation_seats_held_range";

/**
 * Takes one seat, or throws SeatLimitError. A single conditional UPDATE of the
 * organisation's seat row: the row lock it takes makes concurrent claims (from
 * any app instance) queue, and PostgreSQL re-checks `held < seats` on the row
 * it finally sees, so the count can never pass the purchase. Call it as the
 * LAST statement of the transaction: the lock is held until commit.
 */
export async function claimSeat(tx: Executor, orgId: string): Promise<void> {
  const claimed = await tx
    .update(organisationSeats)
    .set({ held: sql`${organisationSeats.held} + 1` })
    .where(and(eq(organisationSeats.orgId, orgId), lt(organisationSeats.held, organisationSeats.seats)))
    .returning({ orgId: organisationSeats.orgId });
  if (claimed.length > 0) return;
  throw await seatLimitError(tx, orgId);
}

/**
 * The refusal for an organisation whose seats are all held, with the counts
 * as they are now. Statements that claim a seat by an unconditional
 * increment (lib/orgs/statements) are refused by the CHECK constraint, and
 * turn that into this. Every seat refusal is made here, so here it is counted.
 */
export async function seatLimitError(db: Executor, orgId: string): Promise<SeatLimitError> {
  const [org] = await db
    .select({ name: organisations.name, seats: organisationSeats.seats, held: organisationSeats.held })
    .from(organisationSeats)
    .innerJoin(organisations, eq(organisations.id, organisationSeats.orgId))
    .where(eq(organisationSeats.orgId, orgId));
  if (!org) throw new NotFoundError("Organisation not found");
  countSeatRefusal();
  return new SeatLimitError(org.name, org.seats, org.held);
}

/** True when a statement failed because it would hold more seats than were bought. */
export const isSeatLimitViolation = (e: unknown) => isCheckViolation(e, SEATS_HELD_CHECK);

export interface SeatUsage {
  seats: number;
  held: number;
  available: number;
}

export async function seatUsage(db: Executor, orgId: string): Promise<SeatUsage> {
  const [row] = await db
    .select({ seats: organisationSeats.seats, held: organisationSeats.held })
    .from(organisationSeats)
    .where(eq(organisationSeats.orgId, orgId));
  if (!row) throw new NotFoundError("Organisation not found");
  return { seats: row.seats, held: row.held, available: row.seats - row.held };
}
