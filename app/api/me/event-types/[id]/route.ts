import { deleteEventType, updateEventType } from "@/lib/events/event-types";
import { updateEventTypeBody } from "@/lib/events/schemas";
import { memberRoute } from "@/lib/http/member-route";

export const PATCH = memberRoute<{ id: string }, typeof updateEventTypeBody>(updateEventTypeBody, async ({ db, owner, params, body }) => {
  const e = await updateEventType(db, owner, params.id, body);
  return { id: e.id, slug: e.slug, active: e.active };
});

export const DELETE = memberRoute<{ id: string }>(undefined, async ({ db, owner, params }) => {
  await deleteEventType(db, owner, params.id);
  return { ok: true };
});
