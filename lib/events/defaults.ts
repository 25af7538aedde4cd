import type { Executor } from "@/lib/db";
import { availabilityRules, eventTypes } from "@/lib/db/schema";
import { slugify } from "@/lib/validation";

export interface DefaultsTarget {
  org: { id: string; defaultEventTitle: string; defaultEventMinutes: number };
  membershipId: string;
  userId: string;
}

/** Weekly hours a new member starts with: Monday to Friday, 09:00–17:00 in their time zone. */
export const DEFAULT_WORKING_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 }));

/** PRODUCT.md: every provisioned member gets the organisation's default event type. */
export async function giveMemberDefaults(tx: Executor, t: DefaultsTarget): Promise<void> {
  await tx.insert(eventTypes).values({
    userId: t.userId,
    orgId: t.org.id,
    membershipId: t.membershipId,
    title: t.org.defaultEventTitle,
    slug: slugify(t.org.defaultEventTitle, "meeting"),
    durationMinutes: t.org.defaultEventMinutes,
    isDefault: true,
  });
  await tx.insert(availabilityRules).values(DEFAULT_WORKING_HOURS.map((h) => ({ ...h, membershipId: t.membershipId })));
}
