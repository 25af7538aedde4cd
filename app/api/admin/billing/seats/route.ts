import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { addSeats, removeSeats } from "@/lib/orgs/billing";

const body = z.object({
  change: z.enum(["add", "remove"]),
  quantity: z.number("Enter a number of seats.").int("Enter a whole number of seats."),
});

/** Adds seats (card only, charged prorated) or removes unused ones; billing.ts holds both rules. */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const p = { orgId: viewer.org.id, quantity: body.quantity, actor: viewerActor(viewer) };
  return body.change === "add" ? addSeats(db, p) : removeSeats(db, p);
});
