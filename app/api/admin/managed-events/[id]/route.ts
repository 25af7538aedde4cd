import { viewerActor } from "@/lib/auth/viewer";
import { deleteManagedEventType, updateManagedEventType } from "@/lib/events/managed-events";
import { updateManagedEventBody } from "@/lib/events/schemas";
import { adminRoute } from "@/lib/http/admin-route";

/** Edits reach every member's copy in the same transaction; a new assignment adds and removes copies. */
export const PATCH = adminRoute<{ id: string }, typeof updateManagedEventBody>(updateManagedEventBody, async ({ db, viewer, params, body }) => {
  const e = await updateManagedEventType(db, { orgId: viewer.org.id, id: params.id, patch: body, actor: viewerActor(viewer) });
  return { id: e.id, slug: e.slug };
});

export const DELETE = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  await deleteManagedEventType(db, { orgId: viewer.org.id, id: params.id, actor: viewerActor(viewer) });
  return { ok: true };
});
