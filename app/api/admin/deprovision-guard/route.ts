import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { allowHeld, configureGuard, endAllow, keepBlocked } from "@/lib/orgs/deprovision-guard";

const body = z.discriminatedUnion("action", [
  z.object({ action: z.literal("allow") }),
  z.object({ action: z.literal("keep_blocked") }),
  z.object({ action: z.literal("end_allow") }),
  z.object({
    action: z.literal("configure"),
    enabled: z.boolean(),
    minCount: z.number("Enter a number of people.").int("Enter a whole number of people."),
    percent: z.number("Enter a percentage.").int("Enter a whole percentage."),
  }),
]);

/** The mass-deprovisioning guard: Allow, Keep blocked, ending an Allow early (owners and admins), or its settings (owners). */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const p = { orgId: viewer.org.id, actor: viewerActor(viewer) };
  if (body.action === "allow") return { allowedUntil: await allowHeld(db, p) };
  if (body.action === "keep_blocked") return { dismissed: await keepBlocked(db, p) };
  if (body.action === "end_allow") {
    await endAllow(db, p);
    return { ok: true };
  }
  await configureGuard(db, { ...p, enabled: body.enabled, minCount: body.minCount, percent: body.percent });
  return { ok: true };
});
