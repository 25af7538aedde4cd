import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { changeGroupInConsole } from "@/lib/orgs/group-admin";
import { deleteGroup } from "@/lib/orgs/groups";

const body = z.object({ displayName: z.string().trim().min(1, "Give the group a name.").max(256) });

/** Rename (refused for IdP-managed groups while SCIM is on: lib/policy.ts). */
export const PATCH = adminRoute<{ id: string }, typeof body>(body, async ({ db, viewer, params, body }) => {
  const g = await changeGroupInConsole(db, { orgId: viewer.org.id, groupId: params.id, actor: viewerActor(viewer), rename: body.displayName });
  return { id: g.id, displayName: g.displayName };
});

export const DELETE = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  await deleteGroup(db, { orgId: viewer.org.id, groupId: params.id, actor: viewerActor(viewer) });
  return { ok: true };
});
