import type { Db } from "@/lib/db";
import { startPollingWorker, type PollingWorker } from "@/lib/jobs/polling-worker";
import { onWebhookQueued } from "@/lib/webhooks/emit";
import { deliverDueWebhooks, type WebhookTally } from "./delivery";

export type WebhookWorker = PollingWorker;

const state = globalThis as unknown as { __rosterWebhookWorker?: WebhookWorker };

/** Delivers webhooks in the background of this process: on a timer, and soon after each event is queued here. One per process. */
export function startWebhookWorker(db: Db, opts: { allowPrivateTargets?: boolean } = {}): WebhookWorker {
  if (state.__rosterWebhookWorker) return state.__rosterWebhookWorker;
  const worker = startPollingWorker<WebhookTally>({
    name: "webhook.deliver",
    tally: () => ({ delivered: 0, retry: 0, gaveUp: 0 }),
    pass: (tally) => deliverDueWebhooks(db, { tally, ...opts }),
    onQueued: onWebhookQueued,
  });
  state.__rosterWebhookWorker = {
    async stop() {
      state.__rosterWebhookWorker = undefined;
      await worker.stop();
    },
  };
  return state.__rosterWebhookWorker;
}
