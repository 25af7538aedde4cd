/** Dates as the admin console shows them: UTC, said so once per page, the same on server and client. */
const dateFmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const moneyFmt = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export const formatDate = (d: Date | string) => dateFmt.format(new Date(d));
export const formatDateTime = (d: Date | string) => dateTimeFmt.format(new Date(d));
export const formatMoney = (cents: number) => moneyFmt.format(cents / 100);
const formatCount = (n: number) => n.toLocaleString("en-US");
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
