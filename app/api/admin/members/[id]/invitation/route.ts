import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { resendInvitation, revokeInvitation } from "@/lib/orgs/invitation-actions";

/** Resend: a new link by email, the old one stops working. */
export const POST = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  const r = await resendInvitation(db, { orgId: viewer.org.id, membershipId: params.id, actor: viewerActor(viewer) });
  return { email: r.email, expiresAt: r.expiresAt.toISOString() };
});

/** Revoke: the open link stops working; the member stays invited until resent or removed. */
export const DELETE = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  return revokeInvitation(db, { orgId: viewer.org.id, membershipId: params.id, actor: viewerActor(viewer) });
});
