import { z } from "zod";
import { setAuditRetention } from "@/lib/audit/retention";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";

const body = z.object({ days: z.number().int() });

/** How long the audit trail and the provisioning log keep entries (owners only: the policy's "audit.retention"). */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const days = await setAuditRetention(db, { orgId: viewer.org.id, days: body.days, actor: viewerActor(viewer) });
  return { days };
});
