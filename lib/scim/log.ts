import { after } from "next/server";
import type { Db } from "@/lib/db";
import type { provisioningLog } from "@/lib/db/schema";
import { statement, run } from "@/lib/db/statement";
import { log } from "@/lib/log/logger";
import { scrubSecrets } from "@/lib/log/redact";

export type LogEntry = Omit<typeof provisioningLog.$inferInsert, "id" | "at">;

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

/** PostgreSQL text cannot hold NUL, and a hostile path or detail may carry one (`/Groups/%00`): one bad row must not sink a batch. */
const clean = (v: string | null | undefined) => (v && v.includes("\u0000") ? v.replaceAll("\u0000", "\uFFFD") : v);

/** The request's own text (path, target, detail, user agent, attribute names) is what may carry one. */
function storable(e: LogEntry): LogEntry {
  return {
    ...e,
    path: clean(e.path)!,
    target: clean(e.target),
    targetName: clean(e.targetName),
    operation: clean(e.operation),
    detail: clean(e.detail),
    userAgent: clean(e.userAgent),
    ignoredAttributes: e.ignoredAttributes?.map((a) => clean(a)!) ?? null,
  };
}

export function recordRequest(db: Db, entry: LogEntry): void {
  const s = q();
  s.queue.push(storable(entry));
  if (!s.flushing) {
    s.flushing = flush(db);
    keepServerOpenFor(s.flushing);
  }
}

/**
 * A stopping `next start` closes its listener, then waits for the work its requests handed to after()
 * before it exits. Handing it the flush (which also writes every row queued while it runs) means a
 * graceful stop never loses the rows of the last requests. Outside a request (tests, scripts) there is
 * no request scope and nothing to hand over.
 */
function keepServerOpenFor(flushing: Promise<void>): void {
  try {
    after(flushing);
  } catch {
    // not inside a request
  }
}

/**
 * A batch is one statement whatever its size: each column travels as one array parameter and
 * unnest() turns them back into rows (a multi-row VALUES would be a new statement text per size,
 * and building it cost more server time than running it).
 */
const INSERT = statement(`insert into provisioning_log
  (org_id, token_id, method, path, resource_type, resource_id, target, operation, status, scim_type, detail, duration_ms, user_agent, ignored_attributes,
   request_id, target_name)
  select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::int[],
    $10::text[], $11::text[], $12::int[], $13::text[], $14::jsonb[], $15::text[], $16::text[])`);

function columns(batch: LogEntry[]): unknown[][] {
  const col = <T>(f: (e: LogEntry) => T) => batch.map(f);
  return [
    col((e) => e.orgId),
    col((e) => e.tokenId ?? null),
    col((e) => e.method),
    col((e) => e.path),
    col((e) => e.resourceType ?? null),
    col((e) => e.resourceId ?? null),
    col((e) => e.target ?? null),
    col((e) => e.operation ?? null),
    col((e) => e.status),
    col((e) => e.scimType ?? null),
    col((e) => e.detail ?? null),
    col((e) => e.durationMs ?? 0),
    col((e) => e.userAgent ?? null),
    col((e) => (e.ignoredAttributes ? JSON.stringify(e.ignoredAttributes) : null)),
    col((e) => e.requestId ?? null),
    col((e) => e.targetName ?? null),
  ];
}

async function flush(db: Db): Promise<void> {
  const s = q();
  await new Promise((r) => setImmediate(r));
  while (s.queue.length) {
    const batch = s.queue.splice(0, MAX_BATCH);
    try {
      await run(db, INSERT, columns(batch));
    } catch (e) {
      // The database's reason only: the failed query's parameters are request data and stay out of logs.
      const reason = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message.split("\n")[0]) : String(e);
      log().error({ area: "scim", rows: batch.length, reason: scrubSecrets((reason ?? "").slice(0, 300)) }, "provisioning log: could not write rows");
    }
  }
  s.flushing = null;
}

/** Resolves once every queued row is written (tests, graceful shutdown). */
export async function drainProvisioningLog(): Promise<void> {
  while (q().flushing) await q().flushing;
}
