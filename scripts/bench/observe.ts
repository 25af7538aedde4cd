/**
 * `npm run bench -- observe [--n 200000]`: what observing one SCIM request
 * costs the server in-process (issue 18), measured directly because the
 * whole-request peer bench cannot resolve a few microseconds on a shared
 * machine: the request id (an incoming X-Request-Id checked, or a UUID made),
 * the two metric updates (counter and histogram), and the JSON log line
 * written synchronously (to /dev/null here, so the disk is not measured).
 * Prints µs per request for each part and for all of them together; compare
 * with the server CPU per request that `npm run bench -- peer` prints
 * (1.3–3.9 ms on the 2-core VM).
 */
import { parseArgs } from "node:util";
import pino from "pino";
import { createLogger } from "@/lib/log/logger";
import { requestIdOf } from "@/lib/log/request-id";
import { loggableUserAgent, logRequest } from "@/lib/log/request-line";
import { observeScimRequest } from "@/lib/metrics/scim";

/** A lookup as Okta sends it: the hot path's most frequent request. */
function oktaLookup(withId: boolean): Request {
  const url = "http://127.0.0.1:3000/api/scim/v2/Users?filter=userName%20eq%20%22ana.ruiz%40example.com%22&startIndex=1&count=100";
  const headers: Record<string, string> = { "user-agent": "Okta SCIM Client 1.0.0", authorization: "Bearer scim_xxxxxxxxxxxxxxxxxxxxxxxx" };
  if (withId) headers["x-request-id"] = "okta-8f14e45f-ceea-467f-a0e6-2b9f6a1c0b5e";
  return new Request(url, { headers });
}

function time(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(n, 5_000); i++) fn(i); // warm up the JIT
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1_000 / n;
}

export async function run(argv: string[]): Promise<boolean> {
  const { values } = parseArgs({ args: argv, options: { n: { type: "string", default: "200000" } } });
  const n = Number(values.n);
  // The process's logger, pointed at /dev/null: the same serializers and synchronous write as in production.
  (globalThis as unknown as { __rosterLog?: unknown }).__rosterLog = createLogger(pino.destination({ dest: "/dev/null", sync: true }));
  const req = oktaLookup(true);
  const fresh = oktaLookup(false);
  const url = new URL(req.url);
  const line = (i: number) =>
    logRequest({
      area: "scim",
      reqId: "okta-8f14e45f-ceea-467f-a0e6-2b9f6a1c0b5e",
      method: "GET",
      url,
      status: i % 50 === 0 ? 404 : 200,
      started: performance.now(),
      fields: {
        orgId: "2b1f0f1e-6d0e-4d8e-9a53-2f0c6f5d8a11",
        tokenId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        resource: "User",
        operation: "list",
        ua: loggableUserAgent(req.headers.get("user-agent")),
      },
    });
  const rows = [
    { part: "request id (incoming X-Request-Id checked)", us: time(n, () => requestIdOf(req)) },
    { part: "request id (none sent: a new UUID)", us: time(n, () => requestIdOf(fresh)) },
    { part: "metrics (counter + histogram)", us: time(n, (i) => observeScimRequest("GET", url.pathname, i % 50 === 0 ? 404 : 200, 0.0012)) },
    { part: "log line (JSON, synchronous write)", us: time(n, line) },
    {
      part: "all of it, per request",
      us: time(n, (i) => {
        requestIdOf(fresh);
        observeScimRequest("GET", url.pathname, 200, 0.0012);
        line(i);
      }),
    },
  ];
  console.log(`| what one SCIM request pays (n = ${n}) | µs / request |\n|---|---|`);
  for (const r of rows) console.log(`| ${r.part} | ${r.us.toFixed(2)} |`);
  return true;
}
