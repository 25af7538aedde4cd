import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { previewAttributeGroups } from "@/lib/orgs/attribute-groups";

const body = z.object({ attribute: z.string().min(1, "Choose an attribute.") });

/** What turning groups from an attribute on would do; writes nothing (a POST because it takes a body, like the other admin routes). */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  return previewAttributeGroups(db, { orgId: viewer.org.id, org: viewer.org, attribute: body.attribute, actor: viewerActor(viewer) });
});
