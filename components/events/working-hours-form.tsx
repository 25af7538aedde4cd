"use client";

import { useId, useState } from "react";
import { EDITOR_MESSAGES, useApiAction } from "@/components/api-client";
import { primaryButton } from "@/components/button";
import { FormError, inputClass } from "@/components/fields";

const DAYS = [
  [1, "Monday"],
  [2, "Tuesday"],
  [3, "Wednesday"],
  [4, "Thursday"],
  [5, "Friday"],
  [6, "Saturday"],
  [0, "Sunday"],
] as const;

const TIME = "rounded-md border border-zinc-300 px-2 py-1 text-sm disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-400";

interface Rule {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const fromHhmm = (s: string) => {
  const [h, m] = s.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * Weekly hours, one interval per day, in the member's time zone. (The data
 * model allows several intervals a day; this form edits the first.) The time
 * zone is typed and suggested (400 zones are too many to scroll); a day's
 * times can be changed only while the day is on.
 */
export function WorkingHoursForm({ rules, timeZone, zones }: { rules: Rule[]; timeZone: string; zones: string[] }) {
  const { run, pending, error } = useApiAction({ messages: EDITOR_MESSAGES });
  const [saved, setSaved] = useState(false);
  const [on, setOn] = useState(() => new Set(rules.map((r) => r.weekday)));
  const zoneListId = useId();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Rule[] = DAYS.filter(([d]) => form.get(`on-${d}`)).map(([d]) => ({
      weekday: d,
      startMinute: fromHhmm(String(form.get(`start-${d}`) || "09:00")),
      endMinute: fromHhmm(String(form.get(`end-${d}`) || "17:00")) || 1440,
    }));
    setSaved(false);
    const r = await run({ url: "/api/me/working-hours", method: "PUT", body: { timeZone: form.get("timeZone"), rules: next } });
    if (r.ok) setSaved(true);
  }

  return (
    <form onSubmit={submit} className="space-y-5 px-5 py-5" aria-label="Working hours">
      <label className="block max-w-sm">
        <span className="text-sm font-medium text-zinc-700">Time zone</span>
        <input
          name="timeZone"
          list={zoneListId}
          defaultValue={timeZone}
          required
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className={inputClass}
        />
        <span className="mt-1 block text-xs text-zinc-500">Type a city or region to search, e.g. Kolkata, New York, Berlin.</span>
        <datalist id={zoneListId}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </datalist>
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-zinc-700">Weekly hours</legend>
        <div className="mt-2 divide-y divide-zinc-100 rounded-lg border border-zinc-200">
          {DAYS.map(([d, name]) => {
            const rule = rules.find((r) => r.weekday === d);
            return (
              <div key={d} className="flex flex-wrap items-center gap-3 px-4 py-2.5">
                <label className="flex w-36 items-center gap-2 text-sm font-medium text-zinc-800">
                  <input
                    type="checkbox"
                    name={`on-${d}`}
                    checked={on.has(d)}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      setOn((prev) => {
                        const next = new Set(prev);
                        if (checked) next.add(d);
                        else next.delete(d);
                        return next;
                      });
                    }}
                    className="size-4 rounded accent-brand-600"
                  />
                  {name}
                </label>
                <input type="time" step={300} name={`start-${d}`} aria-label={`${name} start`} disabled={!on.has(d)} defaultValue={toHhmm(rule?.startMinute ?? 540)} className={TIME} />
                <span className="text-zinc-400">–</span>
                <input type="time" step={300} name={`end-${d}`} aria-label={`${name} end`} disabled={!on.has(d)} defaultValue={toHhmm(rule ? rule.endMinute % 1440 : 1020)} className={TIME} />
                {on.has(d) ? null : <span className="text-xs text-zinc-500">Unavailable</span>}
              </div>
            );
          })}
        </div>
      </fieldset>
      <FormError message={error} />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save working hours"}
        </button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Saved. Your booking pages use these hours now.
          </span>
        ) : null}
      </div>
    </form>
  );
}
