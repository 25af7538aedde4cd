"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { callApi, type FailureMessages } from "@/components/api-client";
import { ChevronLeftIcon, GlobeIcon } from "@/components/icons";
import { canonicalTimeZone, timeZoneNames } from "@/lib/events/time-zone";
import { DayCalendar } from "./day-calendar";
import { dayKey, formatDayLong, formatTime } from "@/components/format";

const BOOKING_MESSAGES: FailureMessages = {
  unreachable: "We could not reach Roster. Check your connection and try again.",
  refused: () => "We could not book this time. Try again.",
};

export interface BookingWidgetProps {
  slots: string[];
  hostTimeZone: string;
  durationMinutes: number;
  target: { org: string; member: string; event: string };
}

/**
 * Pick a day, pick a time, enter your details. Times are offered in the
 * visitor's own time zone (their browser's, changeable); the server renders
 * the host's zone first so the page works before JavaScript starts.
 */
export function BookingWidget({ slots, hostTimeZone, durationMinutes, target }: BookingWidgetProps) {
  const router = useRouter();
  const [timeZone, setTimeZone] = useState(canonicalTimeZone(hostTimeZone));
  const [zones, setZones] = useState<string[]>([canonicalTimeZone(hostTimeZone)]);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the browser's zone is only known after hydration
    if (browser) setTimeZone(canonicalTimeZone(browser));
    setZones(timeZoneNames());
  }, []);

  const byDay = useMemo(() => {
    const map = new Map<string, Date[]>();
    for (const s of slots) {
      const d = new Date(s);
      const k = dayKey(d, timeZone);
      map.set(k, [...(map.get(k) ?? []), d]);
    }
    return map;
  }, [slots, timeZone]);

  const selectedDay = day && byDay.has(day) ? day : ([...byDay.keys()][0] ?? null);
  const times = selectedDay ? (byDay.get(selectedDay) ?? []) : [];

  async function book(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!slot) return;
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const r = await callApi<{ confirmationPath?: string } | null>(
      "POST",
      "/api/bookings",
      { ...target, startsAt: slot, name: form.get("name"), email: form.get("email"), timeZone },
      BOOKING_MESSAGES,
    );
    if (r.ok && r.data?.confirmationPath) {
      router.push(r.data.confirmationPath);
      return;
    }
    setError(r.ok ? BOOKING_MESSAGES.refused(r.status) : r.message);
    if (r.status === 409) {
      setSlot(null);
      router.refresh();
    }
    setPending(false);
  }

  const zonePicker = (
    <label className="mt-6 flex items-center gap-2 text-sm text-zinc-600">
      <GlobeIcon className="size-4 text-zinc-400" />
      <span className="sr-only">Time zone</span>
      <select
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        aria-label="Time zone"
        className="max-w-xs rounded-md border-0 bg-transparent py-1 pr-8 pl-1 font-medium text-zinc-800 hover:bg-zinc-100 focus:ring-2 focus:ring-brand-200"
      >
        {(zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => (
          <option key={z} value={z}>
            {z.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </label>
  );

  if (slot) {
    const start = new Date(slot);
    const end = new Date(start.getTime() + durationMinutes * 60_000);
    return (
      <div className="p-6 sm:p-8">
        <button type="button" onClick={() => setSlot(null)} className="mb-4 flex items-center gap-1 text-sm font-medium text-brand-600 hover:text-brand-700">
          <ChevronLeftIcon className="size-4" /> Back to times
        </button>
        <h2 className="text-lg font-semibold text-zinc-900">Enter your details</h2>
        <p className="mt-1 text-sm text-zinc-600" data-testid="chosen-slot">
          {formatDayLong(start, timeZone)}, {formatTime(start, timeZone)}–{formatTime(end, timeZone)} ({timeZone})
        </p>
        <form onSubmit={book} className="mt-6 max-w-md space-y-4">
          <label className="block">
            <span className="text-sm font-medium text-zinc-700">Your name</span>
            <input name="name" required maxLength={200} autoComplete="name" className="mt-1.5 w-full rounded-lg border border-zinc-300 px-3 py-2.5 text-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none" />
          </label>
          <label className="block">
            <span className="text-sm font-medium text-zinc-700">Email</span>
            <input name="email" type="email" required maxLength={254} autoComplete="email" className="mt-1.5 w-full rounded-lg border border-zinc-300 px-3 py-2.5 text-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none" />
          </label>
          {error ? (
            <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={pending} className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Booking…" : "Confirm booking"}
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className="p-6 sm:p-8">
      <h2 className="text-lg font-semibold text-zinc-900">Select a date and time</h2>
      {error ? (
        <p role="alert" className="mt-3 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      {slots.length === 0 ? (
        <div className="mt-6 rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center">
          <p className="text-sm font-semibold text-zinc-900">No open times in the next 14 days</p>
          <p className="mt-1 text-sm text-zinc-500">Check back later, or contact the person who shared this page.</p>
        </div>
      ) : (
        <div className="mt-6 grid gap-8 md:grid-cols-[minmax(0,1fr)_11rem]">
          <DayCalendar timeZone={timeZone} counts={new Map([...byDay].map(([k, v]) => [k, v.length]))} selected={selectedDay} onSelect={setDay} />
          <div>
            <h3 className="text-sm font-medium text-zinc-900" data-testid="selected-day">
              {times[0] ? formatDayLong(times[0], timeZone) : ""}
            </h3>
            <ul aria-label="Available times" className="mt-3 flex max-h-96 flex-col gap-2 overflow-y-auto pr-1">
              {times.map((t) => (
                <li key={t.toISOString()}>
                  <button
                    type="button"
                    onClick={() => setSlot(t.toISOString())}
                    data-start={t.toISOString()}
                    className="w-full rounded-lg border border-brand-200 px-3 py-2 text-sm font-semibold text-brand-700 hover:border-brand-500 hover:bg-brand-50"
                  >
                    {formatTime(t, timeZone)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {zonePicker}
    </div>
  );
}
