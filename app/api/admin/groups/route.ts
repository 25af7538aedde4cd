import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { createGroup } from "@/lib/orgs/groups";

const body = z.object({ displayName: z.string().trim().min(1, "Give the group a name.").max(256) });

export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const group = await createGroup(db, { orgId: viewer.org.id, displayName: body.displayName, actor: viewerActor(viewer) });
  return Response.json({ id: group.id, displayName: group.displayName }, { status: 201 });
});
