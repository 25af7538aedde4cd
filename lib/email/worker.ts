import type { Db } from "@/lib/db";
import { log } from "@/lib/log/logger";
import { deliverDueEmails, type DeliveryTally } from "./delivery";
import { onOutboxEnqueued } from "./outbox";
import { createTransport } from "./transport";

const POLL_MS = 2_000;
// An email is queued inside a transaction; wait a moment so the commit is visible before we look.
const KICK_DELAY_MS = 150;

export interface OutboxWorker {
  /** Stops taking work; resolves once the batch in hand is delivered and marked (so no lease is left to expire). */
  stop(): Promise<void>;
}

const state = globalThis as unknown as { __rosterOutboxWorker?: OutboxWorker };

/** Delivers the outbox in the background of this process: on a timer, and soon after each enqueue. */
export async function startOutboxWorker(db: Db): Promise<OutboxWorker> {
  if (state.__rosterOutboxWorker) return state.__rosterOutboxWorker;
  const transport = await createTransport();
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
      const tally: DeliveryTally = { sent: 0, retry: 0, gaveUp: 0 };
      try {
        do {
          again = false;
          while (!stopped && (await deliverDueEmails(db, transport, undefined, tally)) > 0) {
            // keep going while there is a backlog
          }
        } while (again && !stopped);
        // One line a run that did something; the idle polls every two seconds only at debug level.
        const worked = tally.sent + tally.retry + tally.gaveUp > 0;
        log()[worked ? "info" : "debug"]({ job: "email.deliver", ...tally, durationMs: Math.round(performance.now() - started) }, "job");
      } catch (e) {
        log().error({ job: "email.deliver", ...tally, durationMs: Math.round(performance.now() - started), err: e }, "job failed; will retry");
      } finally {
        running = null;
      }
    })();
    await running;
  };
  const interval = setInterval(run, POLL_MS);
  interval.unref();
  const unsubscribe = onOutboxEnqueued(() => {
    clearTimeout(kickTimer);
    kickTimer = setTimeout(run, KICK_DELAY_MS);
    kickTimer.unref();
  });
  void run();
  state.__rosterOutboxWorker = {
    async stop() {
      stopped = true;
      clearInterval(interval);
      clearTimeout(kickTimer);
      unsubscribe();
      state.__rosterOutboxWorker = undefined;
      await running;
    },
  };
  return state.__rosterOutboxWorker;
}
