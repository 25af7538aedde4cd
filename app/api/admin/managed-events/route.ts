import { viewerActor } from "@/lib/auth/viewer";
import { createManagedEventType } from "@/lib/events/managed-events";
import { managedEventBody } from "@/lib/events/schemas";
import { adminRoute } from "@/lib/http/admin-route";

/** Defines a managed event type and gives a locked copy to everyone it is assigned to. */
export const POST = adminRoute(managedEventBody, async ({ db, viewer, body }) => {
  const e = await createManagedEventType(db, { orgId: viewer.org.id, input: body, actor: viewerActor(viewer) });
  return Response.json({ id: e.id, slug: e.slug }, { status: 201 });
});
