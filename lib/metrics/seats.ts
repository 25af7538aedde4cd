import { Counter } from "prom-client";
import { metric } from "./registry";

/**
 * Seats refused: a SCIM create or reactivation, an invitation or a
 * reactivation in the console, each refused because every seat was held.
 * Counted where the refusal is made (lib/orgs/seats.ts), whatever face
 * asked; the SCIM ones also show as 4xx in roster_scim_requests_total.
 */
const refusals = () =>
  metric(
    "seat_refusals",
    (registers) =>
      new Counter({
        name: "roster_seat_refusals_total",
        help: "Requests refused because every seat of the organisation was held.",
        registers,
      }),
  );

export const registerSeatMetrics = () => void refusals();

export function countSeatRefusal(): void {
  refusals().inc();
}
