import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { changeCache } from "@/lib/db/change-cache";
import { webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import type { WebhookEventType } from "./events";

/**
 * What an event is about. A person or a group is named by id and turned into
 * its SCIM representation when the delivery is first attempted (lib/orgs, which
 * emits, cannot import lib/scim, which imports lib/orgs); `snapshot` is what is
 * sent if they no longer exist by then (a deletion). Anything else is sent as given.
 */
export type WebhookSubject =
  | { resource: "User"; id: string; snapshot?: Record<string, unknown> }
  | { resource: "Group"; id: string; snapshot?: Record<string, unknown> }
  | { resource: "data"; data: Record<string, unknown> };

interface Subscription {
  endpointId: string;
  events: readonly string[];
}

/**
 * The enabled endpoints of each organisation, cached per instance so that a
 * change in an organisation without endpoints (nearly every SCIM request)
 * costs no query. The database announces every change to webhook_endpoints
 * (trigger in the migration), so every instance forgets at once; the age
 * bound only covers a lost notification connection.
 */
const SUBSCRIPTIONS_MAX_AGE_MS = 5 * 60_000;
const WEBHOOKS_CHANNEL = "roster_webhooks_changed";
const subscriptions = changeCache<Subscription[]>(WEBHOOKS_CHANNEL, SUBSCRIPTIONS_MAX_AGE_MS);

async function loadSubscriptions(db: Executor, orgId: string): Promise<Subscription[]> {
  const rows = await db
    .select({ endpointId: webhookEndpoints.id, events: webhookEndpoints.events, enabled: webhookEndpoints.enabled })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.orgId, orgId));
  return rows.filter((r) => r.enabled).map(({ endpointId, events }) => ({ endpointId, events }));
}

/** The organisation's subscriptions, from memory where the cache can listen (lib/db/change-cache.ts reads through elsewhere). */
async function subscriptionsOf(ex: Executor, orgId: string): Promise<Subscription[]> {
  return (await subscriptions.get(orgId, () => loadSubscriptions(ex, orgId))) ?? [];
}

/** Which of these event types some enabled endpoint of the organisation wants: usually none, answered from memory. */
async function wantedTypes(ex: Executor, orgId: string, types: readonly WebhookEventType[]): Promise<WebhookEventType[]> {
  if (types.length === 0) return [];
  const subs = await subscriptionsOf(ex, orgId);
  return types.filter((t) => subs.some((s) => s.events.includes(t)));
}

/**
 * For the single-statement writes of the SCIM hot path: runs `write` alone
 * when no endpoint wants these events (no transaction, no query more), and in
 * a transaction with the events queued when one does. `subject` gets what the
 * write returned; a write that returns nothing (it lost a race and will be
 * retried) queues nothing.
 */
export async function withEvents<T>(
  ex: Executor,
  orgId: string,
  types: readonly WebhookEventType[],
  write: (ex: Executor) => Promise<T>,
  subject: (result: NonNullable<T>) => WebhookSubject,
): Promise<T> {
  const wanted = await wantedTypes(ex, orgId, types);
  if (wanted.length === 0) return write(ex);
  return ex.transaction(async (tx) => {
    const result = await write(tx);
    if (result !== undefined && result !== null) for (const type of wanted) await emitEvent(tx, orgId, type, subject(result));
    return result;
  });
}

/** A Standard Webhooks message id: the `webhook-id` header, the same on every attempt. */
export const newMessageId = () => `msg_${randomBytes(16).toString("base64url")}`;

/**
 * Queues an event for every endpoint of the organisation subscribed to it, in
 * the caller's transaction: it is delivered only if the change commits, and a
 * crash after the commit loses nothing (the worker finds the rows).
 */
export async function emitEvent(tx: Executor, orgId: string, type: WebhookEventType, subject: WebhookSubject): Promise<void> {
  const subs = await subscriptionsOf(tx, orgId);
  const targets = subs.filter((s) => s.events.includes(type));
  if (targets.length === 0) return;
  const timestamp = new Date().toISOString();
  const data = subject.resource === "data" ? subject.data : (subject.snapshot ?? { id: subject.id });
  await tx.insert(webhookDeliveries).values(
    targets.map((t) => ({
      messageId: newMessageId(),
      orgId,
      endpointId: t.endpointId,
      eventType: type,
      payload: { type, timestamp, data },
      subject: subject.resource === "data" ? null : { resource: subject.resource, id: subject.id },
    })),
  );
  announceQueuedWebhook();
}

type Listener = () => void;
const listeners = globalThis as unknown as { __rosterWebhookListeners?: Set<Listener> };

/** Lets this process's delivery worker start soon after a change instead of at its next poll. */
export function onWebhookQueued(listener: Listener): () => void {
  listeners.__rosterWebhookListeners ??= new Set();
  listeners.__rosterWebhookListeners.add(listener);
  return () => listeners.__rosterWebhookListeners?.delete(listener);
}

export function announceQueuedWebhook(): void {
  for (const l of listeners.__rosterWebhookListeners ?? []) l();
}
