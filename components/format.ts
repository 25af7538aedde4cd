/**
 * How Roster writes dates, times, money and counts, the same on server and
 * client. The admin console shows dates in UTC (it says so once per page);
 * booking pages show them in the zone being shown (the host's, then the
 * visitor's), 24-hour, en-GB.
 */
const dateFmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const moneyFmt = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export const formatDate = (d: Date | string) => dateFmt.format(new Date(d));
export const formatDateTime = (d: Date | string) => dateTimeFmt.format(new Date(d));
export const formatMoney = (cents: number) => moneyFmt.format(cents / 100);
export const formatCount = (n: number) => n.toLocaleString("en-US");
export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "3 days ago", "in 12 days": for expiries and last-used times, next to the exact date. */
export function relative(d: Date | string, now = new Date()): string {
  const diff = new Date(d).getTime() - now.getTime();
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
  ];
  for (const [ms, unit] of units) {
    if (abs >= ms) {
      const n = Math.round(abs / ms);
      const s = `${n} ${unit}${n === 1 ? "" : "s"}`;
      return diff < 0 ? `${s} ago` : `in ${s}`;
    }
  }
  return "just now";
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone: booking pages group their times by it. */
export function dayKey(d: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

export const formatTime = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(d);

export const formatDayLong = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(d);

export const formatDuration = (minutes: number) => {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
};

/** Noon UTC of a YYYY-MM-DD key: a Date that is that calendar day in every zone, for labelling tiles. */
export const keyToDate = (key: string) => new Date(`${key}T12:00:00Z`);

export function addDaysToKey(key: string, days: number): string {
  const d = keyToDate(key);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
