import type { Db } from "@/lib/db";
import { startPollingWorker, type PollingWorker } from "@/lib/jobs/polling-worker";
import { deliverDueEmails, type DeliveryTally } from "./delivery";
import { onOutboxEnqueued } from "./outbox";
import { createTransport, type EmailTransport } from "./transport";

/** Delivers the outbox in the background of this process: on a timer, and soon after each enqueue. One per process. */
export async function startOutboxWorker(db: Db): Promise<PollingWorker> {
  // Made by the first pass, so a second start (the one already running is returned) makes none.
  let transport: EmailTransport | undefined;
  return startPollingWorker<DeliveryTally>({
    name: "email.deliver",
    tally: () => ({ sent: 0, retry: 0, gaveUp: 0 }),
    pass: async (tally) => deliverDueEmails(db, (transport ??= await createTransport()), undefined, tally),
    onQueued: onOutboxEnqueued,
  });
}
