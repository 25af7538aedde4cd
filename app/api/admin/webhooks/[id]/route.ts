import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";

const body = z.object({
  url: z.string().trim().min(1).max(2000).optional(),
  events: z.array(z.string()).max(50).optional(),
  enabled: z.boolean().optional(),
});

/** Changes the URL or the events, or turns the endpoint off or on. */
export const PATCH = adminRoute<{ id: string }, typeof body>(body, async ({ db, viewer, body, params }) => {
  await updateWebhookEndpoint(db, { org: viewer.org, actor: viewerActor(viewer), endpointId: params.id, ...body });
  return { ok: true };
});

/** Deletes the endpoint and its delivery log. */
export const DELETE = adminRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  await deleteWebhookEndpoint(db, { org: viewer.org, actor: viewerActor(viewer), endpointId: params.id });
  return { ok: true };
});
