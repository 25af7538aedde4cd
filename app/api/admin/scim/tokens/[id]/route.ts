import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { revokeScimToken } from "@/lib/orgs/scim-tokens";

/** Revokes a token at once: the next request made with it is refused. */
export const DELETE = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  await revokeScimToken(db, { orgId: viewer.org.id, tokenId: params.id, actor: viewerActor(viewer) });
  return { ok: true };
});
