import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { changeRole } from "@/lib/orgs/roles";

const body = z.object({ role: z.enum(["admin", "user"], "Role must be admin or user.") });

export const POST = adminRoute<{ id: string }, typeof body>(body, async ({ db, viewer, params, body }) => {
  await changeRole(db, { orgId: viewer.org.id, membershipId: params.id, role: body.role, actor: viewerActor(viewer) });
  return { id: params.id, role: body.role };
});
