import type { Db } from "@/lib/db";
import { startPollingWorker, type PollingWorker } from "@/lib/jobs/polling-worker";
import { deliverDueEmails, type DeliveryTally } from "./delivery";
import { onOutboxEnqueued } from "./outbox";
import { createTransport } from "./transport";

export type OutboxWorker = PollingWorker;

const state = globalThis as unknown as { __rosterOutboxWorker?: OutboxWorker };

/** Delivers the outbox in the background of this process: on a timer, and soon after each enqueue. One per process. */
export async function startOutboxWorker(db: Db): Promise<OutboxWorker> {
  if (state.__rosterOutboxWorker) return state.__rosterOutboxWorker;
  const transport = await createTransport();
  const worker = startPollingWorker<DeliveryTally>({
    name: "email.deliver",
    tally: () => ({ sent: 0, retry: 0, gaveUp: 0 }),
    pass: (tally) => deliverDueEmails(db, transport, undefined, tally),
    onQueued: onOutboxEnqueued,
  });
  state.__rosterOutboxWorker = {
    async stop() {
      state.__rosterOutboxWorker = undefined;
      await worker.stop();
    },
  };
  return state.__rosterOutboxWorker;
}
