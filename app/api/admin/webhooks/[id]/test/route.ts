import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { sendTestWebhook } from "@/lib/webhooks/endpoints";

/** Queues a webhook.test event for this endpoint; it shows up in the delivery log. */
export const POST = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  return sendTestWebhook(db, { org: viewer.org, actor: viewerActor(viewer), endpointId: params.id });
});
