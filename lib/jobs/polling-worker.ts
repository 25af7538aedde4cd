import { log } from "@/lib/log/logger";

const POLL_MS = 2_000;
// Work is queued inside a transaction; wait a moment so the commit is visible before we look.
const KICK_DELAY_MS = 150;

export interface PollingWorker {
  /** Stops taking work; resolves once the batch in hand is done and marked (so no lease is left to expire). */
  stop(): Promise<void>;
}

export interface PollingJob<T extends { [K in keyof T]: number }> {
  /** The job's name in the logs ("email.deliver"). */
  name: string;
  /** A fresh tally for one run; every field counts something done. */
  tally: () => T;
  /** One batch: how many items it took (0 when nothing is due). */
  pass: (tally: T) => Promise<number>;
  /** Subscribes to "something was queued in this process"; returns the unsubscribe. */
  onQueued: (kick: () => void) => () => void;
}

/** One worker per job per process, kept on globalThis so that Next.js's module copies share it. */
const registry = globalThis as unknown as { __rosterWorkers?: Map<string, PollingWorker> };

/**
 * Runs a queue's job in the background of this process (once: a second start
 * returns the worker already running, until it is stopped): every two seconds
 * and soon after something is queued here, never two runs at once (a kick
 * during a run makes it go round once more), draining a backlog batch after
 * batch. One log line per run that did something; idle polls only at debug.
 * The email outbox and webhook deliveries both run on it.
 */
export function startPollingWorker<T extends { [K in keyof T]: number }>(job: PollingJob<T>): PollingWorker {
  const workers = (registry.__rosterWorkers ??= new Map());
  const existing = workers.get(job.name);
  if (existing) return existing;
  const worker = pollingWorker(job);
  const stoppable: PollingWorker = {
    async stop() {
      workers.delete(job.name);
      await worker.stop();
    },
  };
  workers.set(job.name, stoppable);
  return stoppable;
}

function pollingWorker<T extends { [K in keyof T]: number }>(job: PollingJob<T>): PollingWorker {
  let inFlight: Promise<void> | null = null;
  let stopped = false;
  let again = false;
  let kickTimer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = (async () => {
      const started = performance.now();
      const tally = job.tally();
      const counts = (): Record<string, number> => ({ ...tally });
      try {
        do {
          again = false;
          while (!stopped && (await job.pass(tally)) > 0) {
            // keep going while there is a backlog
          }
        } while (again && !stopped);
        const worked = Object.values(counts()).some((n) => n > 0);
        log()[worked ? "info" : "debug"]({ job: job.name, ...counts(), durationMs: Math.round(performance.now() - started) }, "job");
      } catch (e) {
        log().error({ job: job.name, ...counts(), durationMs: Math.round(performance.now() - started), err: e }, "job failed; will retry");
      } finally {
        inFlight = null;
      }
    })();
    await inFlight;
  };
  const interval = setInterval(run, POLL_MS);
  interval.unref();
  const unsubscribe = job.onQueued(() => {
    clearTimeout(kickTimer);
    kickTimer = setTimeout(run, KICK_DELAY_MS);
    kickTimer.unref();
  });
  void run();
  return {
    async stop() {
      stopped = true;
      clearInterval(interval);
      clearTimeout(kickTimer);
      unsubscribe();
      await inFlight;
    },
  };
}
