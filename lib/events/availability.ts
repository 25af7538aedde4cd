import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { availabilityRules, users } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import type { WeeklyRule } from "./slots";
import type { WorkingHoursInput } from "./schemas";

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export async function getWorkingHours(db: Executor, membershipId: string): Promise<WeeklyRule[]> {
  return db
    .select({ weekday: availabilityRules.weekday, startMinute: availabilityRules.startMinute, endMinute: availabilityRules.endMinute })
    .from(availabilityRules)
    .where(eq(availabilityRules.membershipId, membershipId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startMinute));
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Rules a person can read back: each interval starts before it ends, on a 5-minute grid, without overlaps in a day. */
function validateRules(rules: WeeklyRule[]): WeeklyRule[] {
  const sorted = [...rules].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  for (const [i, r] of sorted.entries()) {
    const day = WEEKDAY_NAMES[r.weekday] ?? `day ${r.weekday}`;
    if (r.startMinute % 5 || r.endMinute % 5) throw new ValidationError(`${day}: times must be on a 5-minute mark.`, "rules");
    if (r.startMinute >= r.endMinute) {
      throw new ValidationError(`${day}: the end (${hhmm(r.endMinute)}) must be after the start (${hhmm(r.startMinute)}).`, "rules");
    }
    const prev = sorted[i - 1];
    if (prev && prev.weekday === r.weekday && prev.endMinute > r.startMinute) {
      throw new ValidationError(`${day}: ${hhmm(prev.startMinute)}–${hhmm(prev.endMinute)} overlaps ${hhmm(r.startMinute)}–${hhmm(r.endMinute)}.`, "rules");
    }
  }
  return sorted;
}

/** Replaces the member's weekly hours and sets their time zone, in one transaction. */
export async function setWorkingHours(
  db: Executor,
  p: { userId: string; membershipId: string | null } & WorkingHoursInput,
): Promise<void> {
  const rules = validateRules(p.rules);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ timeZone: p.timeZone, updatedAt: new Date() }).where(eq(users.id, p.userId));
    if (!p.membershipId) return;
    await tx.delete(availabilityRules).where(eq(availabilityRules.membershipId, p.membershipId));
    if (rules.length) {
      await tx.insert(availabilityRules).values(rules.map((r) => ({ ...r, membershipId: p.membershipId! })));
    }
  });
}
