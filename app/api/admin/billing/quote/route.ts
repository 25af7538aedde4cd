import { adminRoute } from "@/lib/http/admin-route";
import { HttpError } from "@/lib/http/errors";
import { getDb } from "@/lib/db";
import { MAX_SEATS_PER_CHANGE, quoteSeatAddition } from "@/lib/orgs/billing";
import { seatUsage } from "@/lib/orgs/seats";

/** The price of adding N seats now, prorated (GET ?quantity=N), so the dialog shows exactly what addSeats charges. */
export const GET = adminRoute(undefined, async ({ req, viewer }) => {
  const quantity = Number(new URL(req.url).searchParams.get("quantity"));
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_SEATS_PER_CHANGE) {
    throw new HttpError(400, "invalid", `Choose a whole number of seats between 1 and ${MAX_SEATS_PER_CHANGE.toLocaleString("en-US")}.`);
  }
  const quote = quoteSeatAddition(viewer.org, quantity);
  const { seats } = await seatUsage(await getDb(), viewer.org.id);
  return { ...quote, seatsAfter: seats + quantity, billingMethod: viewer.org.billingMethod };
});
