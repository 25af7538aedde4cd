import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { admitWaiting, dismissWaiting } from "@/lib/orgs/seat-waitlist";

const body = z.discriminatedUnion("action", [z.object({ action: z.literal("admit") }), z.object({ action: z.literal("dismiss"), id: z.string() })]);

/** The seat waiting list: add everyone waiting (one transaction), or dismiss one entry. */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const p = { orgId: viewer.org.id, actor: viewerActor(viewer) };
  if (body.action === "dismiss") {
    await dismissWaiting(db, { ...p, id: body.id });
    return { dismissed: 1 };
  }
  const { added } = await admitWaiting(db, p);
  return { added: added.length };
});
