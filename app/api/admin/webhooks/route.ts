import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";

const body = z.object({ url: z.string().trim().min(1).max(2000), events: z.array(z.string()).max(50) });

/** Adds an endpoint; the answer carries its signing secret, the only time it is shown. */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const { endpoint, secret } = await createWebhookEndpoint(db, { org: viewer.org, actor: viewerActor(viewer), url: body.url, events: body.events });
  return Response.json({ id: endpoint.id, secret }, { status: 201 });
});
