import { randomBytes } from "node:crypto";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { keysetPage } from "@/lib/db/keyset";
import { webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { announceQueuedWebhook, newMessageId } from "./emit";
import { isWebhookEvent, TEST_EVENT, WEBHOOK_EVENTS, type WebhookEventType } from "./events";
import { endpointUrlProblem } from "./targets";

/** What pages and the CLI see of an endpoint: never the secret (shown once, when made or rotated). */
export type WebhookEndpointSummary = Omit<WebhookEndpoint, "secret">;

export type WebhookDeliverySummary = Pick<
  WebhookDelivery,
  "id" | "messageId" | "eventType" | "status" | "attempts" | "responseStatus" | "latencyMs" | "responseExcerpt" | "createdAt" | "lastAttemptAt" | "nextAttemptAt"
>;

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64, what the standardwebhooks library expects. */
const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

const MAX_ENDPOINTS_PER_ORG = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id names no endpoint: say so, rather than let PostgreSQL refuse the cast. */
function checkId(endpointId: string): void {
  if (!UUID.test(endpointId)) throw new NotFoundError("No such webhook endpoint in this organisation.");
}

const summaryColumns = {
  id: webhookEndpoints.id,
  orgId: webhookEndpoints.orgId,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

function checkUrl(url: string): string {
  const trimmed = url.trim();
  const problem = endpointUrlProblem(trimmed);
  if (problem) throw new ValidationError(problem, "url");
  return trimmed;
}

function checkEvents(events: readonly string[]): WebhookEventType[] {
  const unknown = events.filter((e) => !isWebhookEvent(e));
  if (unknown.length) throw new ValidationError(`Unknown event ${unknown.map((e) => `"${e}"`).join(", ")}. Known events: ${WEBHOOK_EVENTS.join(", ")}.`, "events");
  if (events.length === 0) throw new ValidationError("Choose at least one event.", "events");
  return [...new Set(events as WebhookEventType[])];
}

export async function listWebhookEndpoints(db: Executor, orgId: string): Promise<WebhookEndpointSummary[]> {
  return db.select(summaryColumns).from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(webhookEndpoints.createdAt);
}

export async function getWebhookEndpoint(db: Executor, orgId: string, endpointId: string): Promise<WebhookEndpointSummary> {
  checkId(endpointId);
  const [row] = await db
    .select(summaryColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId)));
  if (!row) throw new NotFoundError("No such webhook endpoint in this organisation.");
  return row;
}

/** Adds an endpoint; the secret is returned here and never again (rotate to get a new one). */
export async function createWebhookEndpoint(
  db: Executor,
  p: { org: { id: string }; actor: Actor; url: string; events: readonly string[] },
): Promise<{ endpoint: WebhookEndpointSummary; secret: string }> {
  authorize(p.actor, "webhook.manage", { org: p.org });
  const url = checkUrl(p.url);
  const events = checkEvents(p.events);
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.orgId, p.org.id));
    if (existing.length >= MAX_ENDPOINTS_PER_ORG) throw new ValidationError(`An organisation has at most ${MAX_ENDPOINTS_PER_ORG} webhook endpoints.`);
    const secret = newWebhookSecret();
    const [row] = await tx.insert(webhookEndpoints).values({ orgId: p.org.id, url, events, secret }).returning(summaryColumns);
    await recordAudit(tx, { orgId: p.org.id, actor: p.actor, action: "webhook.created", target: url, details: { events } });
    return { endpoint: row!, secret };
  });
}

/** Changes the URL, the events, or turns the endpoint on or off (turning on clears Roster's reason for turning it off). */
export async function updateWebhookEndpoint(
  db: Executor,
  p: { org: { id: string }; actor: Actor; endpointId: string; url?: string; events?: readonly string[]; enabled?: boolean },
): Promise<WebhookEndpointSummary> {
  authorize(p.actor, "webhook.manage", { org: p.org });
  checkId(p.endpointId);
  const set: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: new Date() };
  if (p.url !== undefined) set.url = checkUrl(p.url);
  if (p.events !== undefined) set.events = checkEvents(p.events);
  if (p.enabled !== undefined) {
    set.enabled = p.enabled;
    set.disabledReason = null;
    if (p.enabled) set.failingSince = null;
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set(set)
      .where(and(eq(webhookEndpoints.orgId, p.org.id), eq(webhookEndpoints.id, p.endpointId)))
      .returning(summaryColumns);
    if (!row) throw new NotFoundError("No such webhook endpoint in this organisation.");
    const changed = { ...(set.url !== undefined ? { url: set.url } : {}), ...(set.events ? { events: set.events } : {}), ...(set.enabled !== undefined ? { enabled: set.enabled } : {}) };
    await recordAudit(tx, { orgId: p.org.id, actor: p.actor, action: "webhook.updated", target: row.url, details: changed });
    return row;
  });
}

/** A new secret, returned once; the old one stops signing at once (receivers should accept both while they switch). */
export async function rotateWebhookSecret(db: Executor, p: { org: { id: string }; actor: Actor; endpointId: string }): Promise<{ secret: string }> {
  authorize(p.actor, "webhook.manage", { org: p.org });
  checkId(p.endpointId);
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ secret, updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.orgId, p.org.id), eq(webhookEndpoints.id, p.endpointId)))
      .returning({ url: webhookEndpoints.url });
    if (!row) throw new NotFoundError("No such webhook endpoint in this organisation.");
    await recordAudit(tx, { orgId: p.org.id, actor: p.actor, action: "webhook.secret_rotated", target: row.url });
    return { secret };
  });
}

/** Deletes the endpoint and its delivery log (cascade); queued deliveries are dropped with it. */
export async function deleteWebhookEndpoint(db: Executor, p: { org: { id: string }; actor: Actor; endpointId: string }): Promise<void> {
  authorize(p.actor, "webhook.manage", { org: p.org });
  checkId(p.endpointId);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.orgId, p.org.id), eq(webhookEndpoints.id, p.endpointId)))
      .returning({ url: webhookEndpoints.url });
    if (!row) throw new NotFoundError("No such webhook endpoint in this organisation.");
    await recordAudit(tx, { orgId: p.org.id, actor: p.actor, action: "webhook.deleted", target: row.url });
  });
}

/** Queues a `webhook.test` event for this endpoint alone (even when it is turned off: the admin asked). */
export async function sendTestWebhook(db: Executor, p: { org: { id: string }; actor: Actor; endpointId: string }): Promise<{ deliveryId: number }> {
  authorize(p.actor, "webhook.manage", { org: p.org });
  const endpoint = await getWebhookEndpoint(db, p.org.id, p.endpointId);
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      messageId: newMessageId(),
      orgId: p.org.id,
      endpointId: endpoint.id,
      eventType: TEST_EVENT,
      payload: { type: TEST_EVENT, timestamp: new Date().toISOString(), data: { endpointId: endpoint.id, message: "A test event from Roster." } },
    })
    .returning({ id: webhookDeliveries.id });
  announceQueuedWebhook();
  return { deliveryId: row!.id };
}

/**
 * Sends a delivery again, soon, with the same `webhook-id` and body (a receiver
 * that saw it already can tell). Works on delivered and failed ones alike.
 */
export async function resendWebhookDelivery(db: Executor, p: { org: { id: string }; actor: Actor; deliveryId: number }): Promise<void> {
  authorize(p.actor, "webhook.manage", { org: p.org });
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date(), lockedUntil: null })
    .where(and(eq(webhookDeliveries.orgId, p.org.id), eq(webhookDeliveries.id, p.deliveryId)))
    .returning({ id: webhookDeliveries.id });
  if (!row) throw new NotFoundError("No such delivery in this organisation.");
  announceQueuedWebhook();
}

/** An endpoint's delivery log, newest first, a page at a time (keyset on the id). */
export async function listWebhookDeliveries(
  db: Executor,
  p: { orgId: string; endpointId: string; before?: number | null; limit?: number },
): Promise<{ rows: WebhookDeliverySummary[]; nextBefore: number | null }> {
  const limit = p.limit ?? 25;
  const d = webhookDeliveries;
  const rows = await db
    .select({
      id: d.id,
      messageId: d.messageId,
      eventType: d.eventType,
      status: d.status,
      attempts: d.attempts,
      responseStatus: d.responseStatus,
      latencyMs: d.latencyMs,
      responseExcerpt: d.responseExcerpt,
      createdAt: d.createdAt,
      lastAttemptAt: d.lastAttemptAt,
      nextAttemptAt: d.nextAttemptAt,
    })
    .from(d)
    .where(and(eq(d.orgId, p.orgId), eq(d.endpointId, p.endpointId), p.before ? lt(d.id, p.before) : undefined))
    .orderBy(desc(d.id))
    .limit(limit + 1);
  return keysetPage(rows, limit);
}
