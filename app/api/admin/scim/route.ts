import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { disableScim, enableScim } from "@/lib/orgs/scim-settings";
import { scimEndpoint } from "@/lib/scim/connection-test";
import { tokenLifetime } from "./schemas";

const body = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(true), expiresInDays: tokenLifetime, label: z.string().trim().max(100).optional() }),
  z.object({ enabled: z.literal(false) }),
]);

/** Turn SCIM on (returns the base URL and the first token, shown once) or off. */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const actor = viewerActor(viewer);
  if (!body.enabled) {
    await disableScim(db, { orgId: viewer.org.id, actor });
    return { enabled: false };
  }
  const token = await enableScim(db, { orgId: viewer.org.id, actor, expiresInDays: body.expiresInDays, label: body.label });
  return { enabled: true, baseUrl: scimEndpoint(), token: token.token, prefix: token.prefix, id: token.id };
});
