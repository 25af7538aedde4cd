import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { rotateWebhookSecret } from "@/lib/webhooks/endpoints";

/** A new signing secret, shown once; the old one stops signing at once. */
export const POST = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  return rotateWebhookSecret(db, { org: viewer.org, actor: viewerActor(viewer), endpointId: params.id });
});
