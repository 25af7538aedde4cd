import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { removeMember } from "@/lib/orgs/lifecycle";

/** Permanent removal (refused while SCIM is on, and for the owner: removeMember decides). */
export const DELETE = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  await removeMember(db, { orgId: viewer.org.id, membershipId: params.id, actor: viewerActor(viewer) });
  return { ok: true };
});
