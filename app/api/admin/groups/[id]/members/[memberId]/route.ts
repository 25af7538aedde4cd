import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { changeGroupInConsole } from "@/lib/orgs/group-admin";

export const DELETE = adminRoute<{ id: string; memberId: string }>(undefined, async ({ db, viewer, params }) => {
  await changeGroupInConsole(db, { orgId: viewer.org.id, groupId: params.id, actor: viewerActor(viewer), removeMembershipId: params.memberId });
  return { ok: true };
});
