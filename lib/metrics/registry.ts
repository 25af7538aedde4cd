import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * The metrics of this process (prom-client). Every instance of Roster keeps
 * its own counts, so Prometheus scrapes each instance separately and sums
 * them; the gauges read from the database (members, outbox) are the same on
 * every instance (take their max, not their sum).
 *
 * Kept on globalThis: Next.js bundles this module into the instrumentation
 * hook (which runs the email worker) and into each route handler separately,
 * and they must all count into one registry.
 *
 * Webhook deliveries are counted in lib/metrics/webhooks.ts:
 * `roster_webhook_deliveries_total{outcome="delivered"|"retry"|"gave_up"}`,
 * incremented by the delivery worker (lib/webhook-delivery).
 */
const state = globalThis as unknown as {
  __rosterMetrics?: { registry: Registry; made: Map<string, unknown>; processMetrics: boolean };
};

function metricsState() {
  state.__rosterMetrics ??= { registry: new Registry(), made: new Map(), processMetrics: false };
  return state.__rosterMetrics;
}

export function registry(): Registry {
  return metricsState().registry;
}

/** One instance of a metric per process, whichever bundle asks for it first. */
export function metric<T>(name: string, make: (registers: Registry[]) => T): T {
  const s = metricsState();
  let m = s.made.get(name) as T | undefined;
  if (m === undefined) {
    m = make([s.registry]);
    s.made.set(name, m);
  }
  return m;
}

/**
 * The process's own metrics (CPU, memory, event-loop lag, heap, GC), started
 * at the first scrape: a server whose metrics are off pays nothing for them.
 */
export function startProcessMetrics(): void {
  const s = metricsState();
  if (s.processMetrics) return;
  s.processMetrics = true;
  collectDefaultMetrics({ register: s.registry });
}
