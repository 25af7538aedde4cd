/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl: working
 * hours are stored as minutes after local midnight, and a slot is the UTC
 * instant at which that wall-clock time happens in the host's zone.
 */
export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    partsFormatter(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * ICU (so Intl.supportedValuesOf and resolvedOptions) still answers with
 * CLDR's old names for these zones; the IANA database renamed them long ago
 * (Kolkata since 1993, Kyiv since 2022). People look for today's name, and
 * every runtime accepts it, so pickers show it and stored values are mapped.
 */
const RENAMED: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Mendoza": "America/Argentina/Mendoza",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** Today's IANA name of a zone ("Asia/Calcutta" → "Asia/Kolkata"); other names unchanged. */
export const canonicalTimeZone = (zone: string): string => RENAMED[zone] ?? zone;

/** Every zone offered in pickers, by today's IANA name, UTC first then alphabetical. */
export function timeZoneNames(): string[] {
  const all = Intl.supportedValuesOf("timeZone").map(canonicalTimeZone).filter((z) => z !== "UTC");
  return ["UTC", ...[...new Set(all)].sort()];
}

export interface ZonedParts extends LocalDate {
  hour: number;
  minute: number;
  /** Minutes after local midnight. */
  minuteOfDay: number;
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const hour = p.hour! % 24;
  return { year: p.year!, month: p.month!, day: p.day!, hour, minute: p.minute!, minuteOfDay: hour * 60 + p.minute! };
}

/** Offset of the zone from UTC at `instant`, in minutes (Berlin in summer: +120). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant at which local `date` + `minuteOfDay` happens in `timeZone`, or
 * null when that wall-clock time does not exist (the hour skipped when clocks
 * go forward).
 */
export function zonedTimeToUtc(date: LocalDate, minuteOfDay: number, timeZone: string): Date | null {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const first = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  const second = naive - offsetMinutes(new Date(first), timeZone) * 60_000;
  const result = new Date(second);
  const check = zonedParts(result, timeZone);
  const wanted = new Date(naive);
  const same =
    check.year === wanted.getUTCFullYear() &&
    check.month === wanted.getUTCMonth() + 1 &&
    check.day === wanted.getUTCDate() &&
    check.minuteOfDay === wanted.getUTCHours() * 60 + wanted.getUTCMinutes();
  return same ? result : null;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, as stored in availability_rules.weekday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
