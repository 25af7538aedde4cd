import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { together } from "@/lib/db/together";
import { availabilityRules, eventTypes, organisations } from "@/lib/db/schema";
import { slugify } from "@/lib/validation";
import { syncManagedEventTypes } from "./managed";

export interface DefaultsTarget {
  org: { id: string; defaultEventTitle: string; defaultEventMinutes: number };
  membershipId: string;
  userId: string;
}

/** Weekly hours a new member starts with: Monday to Friday, 09:00–17:00 in their time zone. */
export const DEFAULT_WORKING_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 }));

/**
 * PRODUCT.md: every provisioned member gets the organisation's default event
 * type, working hours, and the managed event types given to all members
 * (group ones arrive when the member joins a group).
 */
export async function giveMemberDefaults(tx: Executor, t: DefaultsTarget): Promise<void> {
  await together(
    (async () => {
      await tx.insert(eventTypes).values({
        userId: t.userId,
        orgId: t.org.id,
        membershipId: t.membershipId,
        title: t.org.defaultEventTitle,
        slug: slugify(t.org.defaultEventTitle, "meeting"),
        durationMinutes: t.org.defaultEventMinutes,
        isDefault: true,
      });
      // After the default event type: a managed copy whose URL name it already uses takes a suffix.
      await syncManagedEventTypes(tx, { orgId: t.org.id, membershipIds: [t.membershipId], newMembers: true });
    })(),
    (async () => {
      await tx.insert(availabilityRules).values(DEFAULT_WORKING_HOURS.map((h) => ({ ...h, membershipId: t.membershipId })));
    })(),
  );
}

/** The admin's choice of default event type: it applies to members provisioned from now on. */
export async function setOrgDefaultEventType(
  db: Executor,
  p: { orgId: string; title: string; durationMinutes: number; actor: Actor },
): Promise<void> {
  await db.transaction(async (tx) => {
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
