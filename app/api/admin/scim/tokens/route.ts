import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { issueScimToken } from "@/lib/orgs/scim-settings";
import { tokenLifetime } from "../schemas";

const body = z.object({ expiresInDays: tokenLifetime, label: z.string().trim().max(100).optional() });

/** Another token, for rotation: paste it into the IdP, then revoke the old one. */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const token = await issueScimToken(db, { orgId: viewer.org.id, actor: viewerActor(viewer), expiresInDays: body.expiresInDays, label: body.label });
  return Response.json({ token: token.token, prefix: token.prefix, id: token.id }, { status: 201 });
});
