import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { setMemberActive } from "@/lib/orgs/lifecycle";

const body = z.object({ active: z.boolean() });

/** Deactivate or reactivate a member from the Users page (refused while SCIM manages people). */
export const POST = adminRoute<{ id: string }, typeof body>(body, async ({ db, viewer, params, body }) => {
  const m = await setMemberActive(db, { orgId: viewer.org.id, membershipId: params.id, active: body.active, actor: viewerActor(viewer) });
  return { id: m.id, state: m.state };
});
