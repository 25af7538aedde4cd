import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { applyAttributeGroups, turnOffAttributeGroups } from "@/lib/orgs/attribute-groups";

const body = z.object({ attribute: z.string().min(1, "Choose an attribute.") });

/** Turns groups from a user attribute on (lib/orgs/attribute-groups.ts checks the attribute and asks the policy). */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  return applyAttributeGroups(db, { orgId: viewer.org.id, attribute: body.attribute, actor: viewerActor(viewer) });
});

/** Turns them off: the groups stay, as ordinary Roster groups. */
export const DELETE = adminRoute(undefined, async ({ db, viewer }) => {
  return turnOffAttributeGroups(db, { orgId: viewer.org.id, actor: viewerActor(viewer) });
});
