import { addDays, weekdayOf, zonedParts, zonedTimeToUtc, type LocalDate } from "./time-zone";

/** How far ahead a booking page offers times (PRODUCT: the next 14 days, today included). */
export const BOOKING_WINDOW_DAYS = 14;

export interface WeeklyRule {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotQuery {
  rules: WeeklyRule[];
  timeZone: string;
  durationMinutes: number;
  now: Date;
  /** Confirmed bookings of the host, whatever their event type. */
  busy?: Interval[];
  days?: number;
}

/**
 * Start times are spaced by the duration (a 30-minute meeting: 9:00, 9:30…),
 * but never more than an hour apart so long meetings still offer every hour.
 */
const slotStep = (durationMinutes: number) => Math.min(durationMinutes, 60);

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/**
 * Free start times for the next `days` days in the host's time zone: inside
 * the weekly working hours, strictly in the future, and not overlapping a
 * booking. Pure, so the booking endpoint validates a request with exactly
 * the rule the page used to offer it.
 */
export function computeSlots(q: SlotQuery): Date[] {
  const duration = q.durationMinutes;
  const step = slotStep(duration);
  const today = zonedParts(q.now, q.timeZone);
  const busy = q.busy ?? [];
  const seen = new Set<number>();
  const out: Date[] = [];
  for (let i = 0; i < (q.days ?? BOOKING_WINDOW_DAYS); i++) {
    const date: LocalDate = addDays(today, i);
    const weekday = weekdayOf(date);
    for (const rule of q.rules) {
      if (rule.weekday !== weekday) continue;
      for (let m = rule.startMinute; m + duration <= rule.endMinute; m += step) {
        const start = zonedTimeToUtc(date, m, q.timeZone);
        if (!start || start <= q.now || seen.has(start.getTime())) continue;
        const slot = { start, end: new Date(start.getTime() + duration * 60_000) };
        if (busy.some((b) => overlaps(b, slot))) continue;
        seen.add(start.getTime());
        out.push(start);
      }
    }
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

export type SlotRefusal = "past" | "outside_hours" | "taken";

/** Why a requested start is not bookable, or null when it is one of the free slots. */
export function checkSlot(q: SlotQuery, start: Date): SlotRefusal | null {
  if (start <= q.now) return "past";
  const t = start.getTime();
  if (computeSlots(q).some((s) => s.getTime() === t)) return null;
  if (computeSlots({ ...q, busy: [] }).some((s) => s.getTime() === t)) return "taken";
  return "outside_hours";
}
