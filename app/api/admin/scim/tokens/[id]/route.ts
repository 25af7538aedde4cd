import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { revokeToken } from "@/lib/orgs/scim-settings";

/** Revokes a token at once: the next request made with it is refused. */
export const DELETE = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  await revokeToken(db, { orgId: viewer.org.id, tokenId: params.id, actor: viewerActor(viewer) });
  return { ok: true };
});
