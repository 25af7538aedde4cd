import { viewerActor } from "@/lib/auth/viewer";
import { setOrgDefaultEventType } from "@/lib/events/defaults";
import { defaultEventBody } from "@/lib/events/schemas";
import { adminRoute } from "@/lib/http/admin-route";

/** The event type every member provisioned from now on receives. */
export const PUT = adminRoute(defaultEventBody, async ({ db, viewer, body }) => {
  await setOrgDefaultEventType(db, { orgId: viewer.org.id, ...body, actor: viewerActor(viewer) });
  return { ok: true };
});
