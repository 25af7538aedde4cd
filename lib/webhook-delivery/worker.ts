import type { Db } from "@/lib/db";
import { startPollingWorker, type PollingWorker } from "@/lib/jobs/polling-worker";
import { onWebhookQueued } from "@/lib/webhooks/emit";
import { deliverDueWebhooks, type WebhookTally } from "./delivery";

/** Delivers webhooks in the background of this process: on a timer, and soon after each event is queued here. One per process. */
export function startWebhookWorker(db: Db, opts: { allowPrivateTargets?: boolean } = {}): PollingWorker {
  return startPollingWorker<WebhookTally>({
    name: "webhook.deliver",
    tally: () => ({ delivered: 0, retry: 0, gaveUp: 0 }),
    pass: (tally) => deliverDueWebhooks(db, { tally, ...opts }),
    onQueued: onWebhookQueued,
  });
}
