import type { Db } from "@/lib/db";
import { provisioningLog } from "@/lib/db/schema";

export type LogEntry = typeof provisioningLog.$inferInsert;

/**
 * The provisioning log (every SCIM request, shown on the Security page).
 * Rows are written after the response, batched: while one insert is in
 * flight the next rows queue up and go in a single multi-row insert, so a
 * busy IdP costs one write per batch instead of one per request. A crash can
 * lose the rows of the last few milliseconds; it can never hold up a request.
 */
const MAX_BATCH = 500;
const state = globalThis as unknown as { __scimLog?: { queue: LogEntry[]; flushing: Promise<void> | null } };

function q() {
  state.__scimLog ??= { queue: [], flushing: null };
  return state.__scimLog;
}

export function recordRequest(db: Db, entry: LogEntry): void {
  const s = q();
  s.queue.push(entry);
  if (!s.flushing) s.flushing = flush(db);
}

async function flush(db: Db): Promise<void> {
  const s = q();
  await new Promise((r) => setImmediate(r));
  while (s.queue.length) {
    const batch = s.queue.splice(0, MAX_BATCH);
    try {
      await db.insert(provisioningLog).values(batch);
    } catch (e) {
      console.error("provisioning log: could not write %d rows", batch.length, e);
    }
  }
  s.flushing = null;
}

/** Resolves once every queued row is written (tests, graceful shutdown). */
export async function drainProvisioningLog(): Promise<void> {
  while (q().flushing) await q().flushing;
}
