import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { transferOwnership } from "@/lib/orgs/roles";

const body = z.object({ membershipId: z.string().min(1, "Choose the new owner.") });

/** Only the owner may transfer (transferOwnership decides); the old owner becomes an admin. */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  await transferOwnership(db, { orgId: viewer.org.id, toMembershipId: body.membershipId, actor: viewerActor(viewer) });
  return { ok: true };
});
