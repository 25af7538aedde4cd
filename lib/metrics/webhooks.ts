import { Counter } from "prom-client";
import { metric } from "./registry";

/** What this instance's webhook worker did with each attempt (counted in memory as it goes). */
type WebhookOutcome = "delivered" | "retry" | "gave_up";

const deliveries = () =>
  metric(
    "webhook_deliveries",
    (registers) =>
      new Counter({
        name: "roster_webhook_deliveries_total",
        help: "Webhook delivery attempts by this instance: delivered (2xx), failed and to be retried (retry), or failed for the last time (gave_up).",
        labelNames: ["outcome"] as const,
        registers,
      }),
  );

export function registerWebhookMetrics(): void {
  for (const outcome of ["delivered", "retry", "gave_up"] as const) deliveries().labels(outcome).inc(0);
}

export function countWebhookDelivery(outcome: WebhookOutcome): void {
  deliveries().labels(outcome).inc();
}
