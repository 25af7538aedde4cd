import { Counter } from "prom-client";
import { metric } from "./registry";

/** Requests refused by a rate limit (lib/rate-limit.ts), by which limit: the key's prefix, from a fixed list. */
const LIMITS: Record<string, string> = { scim: "scim", "magic-link": "sign_in_email", booking: "booking" };

const refusals = () =>
  metric(
    "rate_limit_refusals",
    (registers) =>
      new Counter({
        name: "roster_rate_limit_refusals_total",
        help: "Requests refused by a rate limit (429), by limit: scim, sign_in_email or booking.",
        labelNames: ["limit"] as const,
        registers,
      }),
  );

/** Every limit starts at 0, so a first refusal is an increase (rate() sees no increase in a series that starts at 1). */
export function registerRateLimitMetrics(): void {
  for (const limit of Object.values(LIMITS)) refusals().labels(limit).inc(0);
}

/** `key` is the rate limit's key ("scim:<token id>"); only its prefix becomes a label. */
export function countRateLimitRefusal(key: string): void {
  refusals()
    .labels(LIMITS[key.slice(0, key.indexOf(":"))] ?? "other")
    .inc();
}
