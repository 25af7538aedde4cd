import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { organisations } from "@/lib/db/schema";
import { authorize } from "@/lib/policy";
import { slugify } from "@/lib/validation";

/** Weekly hours a new member starts with: Monday to Friday, 09:00–17:00 in their time zone. */
export const DEFAULT_WORKING_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 }));

/**
 * PRODUCT.md: every provisioned member gets the organisation's default event
 * type, working hours, and the managed event types given to all members
 * (group ones arrive when the member joins a group). They are written with
 * the member, by lib/orgs/new-member.ts; this is the default event type's URL name.
 */
export const defaultEventSlug = (title: string) => slugify(title, "meeting");

/** The admin's choice of default event type: it applies to members provisioned from now on. */
export async function setOrgDefaultEventType(
  db: Executor,
  p: { orgId: string; title: string; durationMinutes: number; actor: Actor },
): Promise<void> {
  await db.transaction(async (tx) => {
    authorize(p.actor, "default_event.set", { org: { id: p.orgId } });
    await tx
      .update(organisations)
      .set({ defaultEventTitle: p.title, defaultEventMinutes: p.durationMinutes, updatedAt: new Date() })
      .where(eq(organisations.id, p.orgId));
    await recordAudit(tx, {
      orgId: p.orgId,
      actor: p.actor,
      action: "default_event.updated",
      target: `${p.title} (${p.durationMinutes} min)`,
    });
  });
}
