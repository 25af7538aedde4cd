import { viewerActor } from "@/lib/auth/viewer";
import { ValidationError } from "@/lib/errors";
import { adminRoute } from "@/lib/http/admin-route";
import { resendWebhookDelivery } from "@/lib/webhooks/endpoints";

/** Sends a delivery again with the same webhook-id and body. */
export const POST = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  const deliveryId = Number(params.id);
  if (!Number.isSafeInteger(deliveryId) || deliveryId <= 0) throw new ValidationError("Not a delivery id.");
  await resendWebhookDelivery(db, { org: viewer.org, actor: viewerActor(viewer), deliveryId });
  return { ok: true };
});
