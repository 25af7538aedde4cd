import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { changeGroupInConsole } from "@/lib/orgs/group-admin";

const body = z.object({ email: z.string().trim().min(1, "Enter the member’s email.").max(320) });

/** Adds a member, found by email, to the group. */
export const POST = adminRoute<{ id: string }, typeof body>(body, async ({ db, viewer, params, body }) => {
  await changeGroupInConsole(db, { orgId: viewer.org.id, groupId: params.id, actor: viewerActor(viewer), addEmail: body.email });
  return { ok: true };
});
