import { createEventType } from "@/lib/events/event-types";
import { createEventTypeBody } from "@/lib/events/schemas";
import { memberRoute } from "@/lib/http/member-route";

/** A new event type on the caller's booking page (or a personal one, without an organisation). */
export const POST = memberRoute(createEventTypeBody, async ({ db, owner, body }) => {
  const e = await createEventType(db, owner, body);
  return Response.json({ id: e.id, slug: e.slug }, { status: 201 });
});
