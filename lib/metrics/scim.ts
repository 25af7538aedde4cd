import { Counter, Histogram } from "prom-client";
import { metric } from "./registry";

/**
 * SCIM requests by method, resource and status class, and how long they
 * took. Incremented in memory as each response is made: the SCIM path pays
 * a few hash lookups, never a query. Labels come from fixed lists, whatever
 * an IdP puts in its URLs.
 */
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const DISCOVERY = new Set(["serviceproviderconfig", "resourcetypes", "schemas"]);
const BASE = "/api/scim/v2";

export type ScimResource = "Users" | "Groups" | "Bulk" | "search" | "discovery" | "other";

/** The resource a SCIM path names: /Users/{id} and /Users/.search are "Users", /.search is "search". */
export function scimResource(pathname: string): ScimResource {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const first = (rest.split("/")[1] ?? "").toLowerCase();
  if (first === "users") return "Users";
  if (first === "groups") return "Groups";
  if (first === "bulk") return "Bulk";
  if (first === ".search") return "search";
  if (DISCOVERY.has(first)) return "discovery";
  return "other";
}

export const statusClass = (status: number) => (status >= 500 ? "5xx" : status >= 400 ? "4xx" : status >= 300 ? "3xx" : "2xx");

const requests = () =>
  metric(
    "scim_requests",
    (registers) =>
      new Counter({
        name: "roster_scim_requests_total",
        help: "SCIM requests answered by this instance, by method, resource and status class.",
        labelNames: ["method", "resource", "status_class"] as const,
        registers,
      }),
  );

const durations = () =>
  metric(
    "scim_durations",
    (registers) =>
      new Histogram({
        name: "roster_scim_request_duration_seconds",
        help: "Time from a SCIM request's arrival to its response, by method and resource.",
        labelNames: ["method", "resource"] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers,
      }),
  );

/** Registers both at the first scrape, so they are listed before the first request. */
export function registerScimMetrics(): void {
  requests();
  durations();
}

export function observeScimRequest(method: string, pathname: string, status: number, seconds: number): void {
  const m = METHODS.has(method) ? method : "other";
  const resource = scimResource(pathname);
  requests().labels(m, resource, statusClass(status)).inc();
  durations().labels(m, resource).observe(seconds);
}
