import type { Db } from "@/lib/db";
import { log } from "@/lib/log/logger";
import { onWebhookQueued } from "@/lib/webhooks/emit";
import { deliverDueWebhooks, type WebhookTally } from "./delivery";

const POLL_MS = 2_000;
// A delivery is queued inside a transaction; wait a moment so the commit is visible before we look.
const KICK_DELAY_MS = 150;

export interface WebhookWorker {
  /** Stops taking work; resolves once the batch in hand is sent and marked. */
  stop(): Promise<void>;
}

const state = globalThis as unknown as { __rosterWebhookWorker?: WebhookWorker };

/** Delivers webhooks in the background of this process: on a timer, and soon after each event is queued here. */
export function startWebhookWorker(db: Db, opts: { allowPrivateTargets?: boolean } = {}): WebhookWorker {
  if (state.__rosterWebhookWorker) return state.__rosterWebhookWorker;
  let running: Promise<void> | null = null;
  let stopped = false;
  let again = false;
  let kickTimer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      const started = performance.now();
      const tally: WebhookTally = { delivered: 0, retry: 0, gaveUp: 0 };
      try {
        do {
          again = false;
          while (!stopped && (await deliverDueWebhooks(db, { tally, ...opts })) > 0) {
            // keep going while there is a backlog
          }
        } while (again && !stopped);
        const worked = tally.delivered + tally.retry + tally.gaveUp > 0;
        log()[worked ? "info" : "debug"]({ job: "webhook.deliver", ...tally, durationMs: Math.round(performance.now() - started) }, "job");
      } catch (e) {
        log().error({ job: "webhook.deliver", ...tally, durationMs: Math.round(performance.now() - started), err: e }, "job failed; will retry");
      } finally {
        running = null;
      }
    })();
    await running;
  };
  const interval = setInterval(run, POLL_MS);
  interval.unref();
  const unsubscribe = onWebhookQueued(() => {
    clearTimeout(kickTimer);
    kickTimer = setTimeout(run, KICK_DELAY_MS);
    kickTimer.unref();
  });
  void run();
  state.__rosterWebhookWorker = {
    async stop() {
      stopped = true;
      clearInterval(interval);
      clearTimeout(kickTimer);
      unsubscribe();
      state.__rosterWebhookWorker = undefined;
      await running;
    },
  };
  return state.__rosterWebhookWorker;
}
