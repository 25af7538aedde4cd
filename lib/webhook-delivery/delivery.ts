import { recordAudit } from "@/lib/audit/log";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { memberships, organisations, users, webhookDeliveries, webhookEndpoints, type WebhookDelivery } from "@/lib/db/schema";
import { enqueueEmail } from "@/lib/email/outbox";
import { renderEmail } from "@/lib/email/render";
import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { countWebhookDelivery } from "@/lib/metrics/webhooks";
import { TEST_EVENT } from "@/lib/webhooks/events";
import { privateTargetsAllowed } from "@/lib/webhooks/targets";
import { scimRepresentation, type Subject } from "./payload";
import { sendSigned } from "./send";

const LEASE_SECONDS = 60;
/** Standard Webhooks' advice: keep trying for days. Past this a delivery fails for good, and an endpoint failing this long is turned off. */
export const GIVE_UP_AFTER_MS = 3 * 24 * 3_600_000;
/** After the 1st failure 30 s (the first retry within a minute), then 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, then every 12 h. */
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];
const retryDelayMs = (attempt: number) => RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1]!;

export interface WebhookTally {
  delivered: number;
  retry: number;
  gaveUp: number;
}

interface Leased extends WebhookDelivery {
  url: string;
  secret: string;
}

/**
 * Sends the webhook deliveries that are due, like the email outbox
 * (lib/email/delivery.ts): rows are leased with FOR UPDATE SKIP LOCKED and a
 * lease time, so instances share the work and a crash mid-send lets the lease
 * expire and the row go again (at least once; the `webhook-id` stays the same).
 * Only enabled endpoints are served, except test events, which an admin asked for.
 */
export async function deliverDueWebhooks(
  db: Db,
  opts: { batch?: number; tally?: WebhookTally; allowPrivateTargets?: boolean } = {},
): Promise<number> {
  const d = webhookDeliveries;
  const enabledEndpoints = db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true));
  const due = db
    .select({ id: d.id })
    .from(d)
    .where(
      and(
        eq(d.status, "pending"),
        lte(d.nextAttemptAt, sql`now()`),
        or(isNull(d.lockedUntil), lt(d.lockedUntil, sql`now()`)),
        or(inArray(d.endpointId, enabledEndpoints), eq(d.eventType, TEST_EVENT)),
      ),
    )
    .orderBy(asc(d.nextAttemptAt), asc(d.id))
    .limit(opts.batch ?? 20)
    .for("update", { skipLocked: true });
  const leased = await db
    .update(d)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, attempts: sql`${d.attempts} + 1` })
    .where(inArray(d.id, due))
    .returning();
  if (leased.length === 0) return 0;
  const endpoints = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.id, [...new Set(leased.map((r) => r.endpointId))]));
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const allowPrivate = opts.allowPrivateTargets ?? privateTargetsAllowed();
  // One endpoint at a time per batch would let a slow one hold up the rest; they go in parallel, each row once.
  await Promise.all(
    leased.map(async (row) => {
      const endpoint = byId.get(row.endpointId);
      if (!endpoint) return; // deleted meanwhile: its rows went with it
      await deliverOne(db, { ...row, url: endpoint.url, secret: endpoint.secret }, allowPrivate, opts.tally);
    }),
  );
  return leased.length;
}

async function deliverOne(db: Db, row: Leased, allowPrivate: boolean, tally?: WebhookTally): Promise<void> {
  const d = webhookDeliveries;
  let payload = row.payload as { type: string; timestamp: string; data: Record<string, unknown> };
  if (row.subject) {
    // First attempt: the SCIM representation as of now, stored so every later attempt and resend sends the same bytes.
    const data = (await scimRepresentation(db, row.orgId, row.subject as Subject)) ?? payload.data;
    payload = { ...payload, data };
    await db.update(d).set({ payload, subject: null }).where(eq(d.id, row.id));
  }
  const result = await sendSigned({ url: row.url, secret: row.secret, messageId: row.messageId, body: JSON.stringify(payload), allowPrivate });
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const common = { lockedUntil: null, lastAttemptAt: new Date(), responseStatus: result.status, latencyMs: result.latencyMs, responseExcerpt: result.excerpt || null };
  const fields = { job: "webhook.deliver", deliveryId: row.id, endpointId: row.endpointId, orgId: row.orgId, event: row.eventType, attempt: row.attempts, status: result.status, latencyMs: result.latencyMs };
  if (ok) {
    await db.update(d).set({ ...common, status: "delivered" }).where(eq(d.id, row.id));
    await db.update(webhookEndpoints).set({ failingSince: null }).where(and(eq(webhookEndpoints.id, row.endpointId), sql`${webhookEndpoints.failingSince} is not null`));
    countWebhookDelivery("delivered");
    if (tally) tally.delivered++;
    log().info(fields, "webhook delivered");
    return;
  }
  const gaveUp = row.eventType === TEST_EVENT || Date.now() - row.createdAt.getTime() >= GIVE_UP_AFTER_MS;
  await db
    .update(d)
    .set({ ...common, status: gaveUp ? "failed" : "pending", nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts)) })
    .where(eq(d.id, row.id));
  countWebhookDelivery(gaveUp ? "gave_up" : "retry");
  if (tally) tally[gaveUp ? "gaveUp" : "retry"]++;
  log().warn({ ...fields, gaveUp, error: result.status === null ? result.excerpt : undefined }, "webhook not delivered");
  if (row.eventType !== TEST_EVENT) await noteEndpointFailure(db, row);
}

/**
 * Remembers when the endpoint began failing; once it has failed for three days
 * without a single success, turns it off and emails the organisation's owners
 * and admins (through the email outbox, in the same transaction, once: only
 * the update that turns it off sends).
 */
async function noteEndpointFailure(db: Db, row: Leased): Promise<void> {
  const e = webhookEndpoints;
  await db.update(e).set({ failingSince: sql`now()` }).where(and(eq(e.id, row.endpointId), isNull(e.failingSince)));
  await db.transaction(async (tx) => {
    const [off] = await tx
      .update(e)
      .set({ enabled: false, disabledReason: "Turned off by Roster: every delivery failed for three days.", updatedAt: new Date() })
      .where(and(eq(e.id, row.endpointId), eq(e.enabled, true), lte(e.failingSince, new Date(Date.now() - GIVE_UP_AFTER_MS))))
      .returning({ id: e.id, url: e.url, orgId: e.orgId });
    if (!off) return;
    await recordAudit(tx, { orgId: off.orgId, actor: { kind: "system", reason: "webhook delivery" }, action: "webhook.disabled", target: off.url });
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, off.orgId));
    const admins = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, off.orgId), eq(memberships.state, "active"), inArray(memberships.role, ["owner", "admin"])));
    const email = renderEmail({
      subject: `Roster turned off a webhook endpoint of ${org?.name ?? "your organisation"}`,
      heading: "A webhook endpoint was turned off",
      paragraphs: [
        `Every delivery to ${off.url} failed for three days, so Roster stopped sending to it.`,
        "Fix the receiver, then turn the endpoint back on on the Webhooks page; deliveries still in the log can be sent again with Resend.",
      ],
      action: { label: "Open Webhooks", url: `${env().APP_URL}/admin/webhooks` },
    });
    for (const a of admins) await enqueueEmail(tx, { ...email, orgId: off.orgId, kind: "webhook_disabled", to: a.email });
    log().warn({ job: "webhook.deliver", endpointId: off.id, orgId: off.orgId }, "webhook endpoint turned off after three days of failures");
  });
}
