"use client";

import { addDaysToKey, dayKey, keyToDate } from "@/components/format";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const monthFmt = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const monthOnly = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/** "December 2026", "November – December 2026" or "December 2026 – January 2027". */
function monthRange(from: string, to: string): string {
  const a = keyToDate(from);
  const b = keyToDate(to);
  if (a.getUTCMonth() === b.getUTCMonth() && a.getUTCFullYear() === b.getUTCFullYear()) return monthFmt.format(a);
  if (a.getUTCFullYear() === b.getUTCFullYear()) return `${monthOnly.format(a)} – ${monthFmt.format(b)}`;
  return `${monthFmt.format(a)} – ${monthFmt.format(b)}`;
}
const longFmt = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

/**
 * A month-style grid of the booking window, Monday first. Days with open
 * times are buttons showing how many; the rest are greyed out.
 */
export function DayCalendar({
  timeZone,
  counts,
  selected,
  onSelect,
}: {
  timeZone: string;
  counts: Map<string, number>;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const today = dayKey(new Date(), timeZone);
  const last = [...counts.keys(), addDaysToKey(today, 13)].sort().at(-1)!;
  const mondayOffset = (keyToDate(today).getUTCDay() + 6) % 7;
  const first = addDaysToKey(today, -mondayOffset);
  const cells: string[] = [];
  for (let k = first; k <= last || cells.length % 7 !== 0; k = addDaysToKey(k, 1)) cells.push(k);
  const label = monthRange(first, last);

  return (
    <div>
      <p className="mb-3 text-sm font-medium text-zinc-900">{label}</p>
      <div className="grid grid-cols-7 gap-1.5 text-center" role="group" aria-label="Days">
        {WEEKDAYS.map((w) => (
          <span key={w} className="pb-1 text-xs font-medium tracking-wide text-zinc-400 uppercase">
            {w}
          </span>
        ))}
        {cells.map((k) => {
          const n = counts.get(k) ?? 0;
          const day = keyToDate(k).getUTCDate();
          if (n === 0) {
            return (
              <span
                key={k}
                className={`grid aspect-square place-items-center rounded-lg text-sm ${k < today ? "text-zinc-300" : "text-zinc-400"} ${k === today ? "ring-1 ring-zinc-200 ring-inset" : ""}`}
              >
                {day}
              </span>
            );
          }
          const isSelected = k === selected;
          return (
            <button
              key={k}
              type="button"
              onClick={() => onSelect(k)}
              aria-pressed={isSelected}
              aria-label={`${longFmt.format(keyToDate(k))}, ${n} ${n === 1 ? "time" : "times"} available`}
              className={`flex aspect-square flex-col items-center justify-center rounded-lg text-sm font-semibold transition-colors ${
                isSelected ? "bg-brand-600 text-white shadow-sm" : "bg-brand-50 text-brand-700 hover:bg-brand-100"
              }`}
            >
              {day}
              <span className={`mt-0.5 size-1 rounded-full ${isSelected ? "bg-white" : "bg-brand-400"}`} aria-hidden="true" />
            </button>
          );
        })}
      </div>
    </div>
  );
}
