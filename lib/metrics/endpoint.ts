import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { registerEmailMetrics } from "./email";
import { registerWebhookMetrics } from "./webhooks";
import { registerMemberMetrics } from "./members";
import { registerRateLimitMetrics } from "./rate-limit";
import { registry, startProcessMetrics } from "./registry";
import { registerSamlMetrics } from "./saml";
import { registerScimMetrics } from "./scim";
import { registerSeatMetrics } from "./seats";

/**
 * GET /api/metrics: this instance's metrics in Prometheus's text format.
 * Off (404, as if there were no such page) unless METRICS_TOKEN is set; then
 * only for `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise), compared
 * in constant time. The counts are this process's own: scrape every instance.
 */
export async function metricsEndpoint(req: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
  if (!bearerMatches(req.headers.get("authorization"), token)) {
    return new Response("Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="Roster metrics"', "Cache-Control": "no-store" },
    });
  }
  startProcessMetrics();
  registerScimMetrics();
  registerSeatMetrics();
  registerRateLimitMetrics();
  registerSamlMetrics();
  registerEmailMetrics();
  registerMemberMetrics();
  registerWebhookMetrics();
  try {
    const body = await registry().metrics();
    return new Response(body, { headers: { "Content-Type": registry().contentType, "Cache-Control": "no-store" } });
  } catch (e) {
    // A gauge read from the database failed: a failed scrape (up == 0) says so better than a made-up value.
    log().error({ err: e }, "metrics: could not collect");
    return new Response("Could not collect the metrics; see the server's log.\n", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

/** Hashing both sides first gives timingSafeEqual equal lengths, so the comparison says nothing about the token's length either. */
export function bearerMatches(header: string | null, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const given = createHash("sha256").update(match?.[1] ?? "").digest();
  const expected = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, expected) && match !== null;
}
