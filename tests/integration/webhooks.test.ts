import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { auditSentence } from "@/lib/audit/sentences";
import { auditLog, emailOutbox, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { changeGroup, createGroup, deleteGroup } from "@/lib/orgs/groups";
import { markMemberJoined, removeMember, setMemberActive } from "@/lib/orgs/lifecycle";
import { updateMember } from "@/lib/orgs/member-profile";
import { inviteMember } from "@/lib/orgs/members";
import { createScimToken, revokeScimToken } from "@/lib/orgs/scim-tokens";
import { deliverDueWebhooks, GIVE_UP_AFTER_MS } from "@/lib/webhook-delivery/delivery";
import { startWebhookWorker } from "@/lib/webhook-delivery/worker";
import { createWebhookEndpoint, resendWebhookDelivery, sendTestWebhook } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { endpointUrlProblem } from "@/lib/webhooks/targets";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { startTestJackson, TestIdp } from "../helpers/sso";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";
import { startReceiver } from "../helpers/webhook-receiver";

let t: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const holder = globalThis as unknown as { __rosterDb?: Promise<Database> };

beforeAll(async () => {
  t = await createTestDatabase();
  // The subscriptions cache listens for changes on the process's database: make that the test's.
  holder.__rosterDb = Promise.resolve(t);
  receiver = await startReceiver();
});
afterAll(async () => {
  holder.__rosterDb = undefined;
  await receiver?.close();
  await t?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The receiver is on loopback: allowed here as WEBHOOKS_ALLOW_PRIVATE_TARGETS=1 would allow it. */
const deliver = () => deliverDueWebhooks(t.db, { allowPrivateTargets: true });

async function endpointFor(orgId: string, events: readonly string[] = WEBHOOK_EVENTS) {
  const [row] = await t.db
    .insert(webhookEndpoints)
    .values({ orgId, url: receiver.url, events: [...events], secret: `whsec_${Buffer.from(uniq().repeat(8)).toString("base64")}` })
    .returning();
  // Every instance forgets the organisation's subscriptions on the database's notification; give it a moment.
  await sleep(150);
  return row!;
}

function verified(secret: string, type: string) {
  const hits = receiver.received.filter((r) => r.json.type === type);
  for (const r of hits) new Webhook(secret).verify(r.body, r.headers); // throws unless the signature holds
  return hits;
}

describe(`webhooks (${testDriver()})`, () => {
  it("every event arrives, signed per Standard Webhooks, with the SCIM representation", async () => {
    const org = await makeOrg(t.db, { seats: 2 });
    const endpoint = await endpointFor(org.id);

    // People: invited (over SCIM, the one-statement path, and by the operator), seat refused, joined, updated, (de/re)activated, deleted.
    const a = await inviteMember(t.db, { orgId: org.id, email: `a-${uniq()}@example.com`, actor: scimActor, org });
    await inviteMember(t.db, { orgId: org.id, email: `b-${uniq()}@example.com`, actor: operator }).catch((e: unknown) => e);
    await markMemberJoined(t.db, { orgId: org.id, membershipId: a.membership.id });
    await updateMember(t.db, {
      orgId: org.id,
      membershipId: a.membership.id,
      actor: scimActor,
      org,
      change: ({ membership, user }) => ({
        profile: {
          userName: membership.userName,
          loginEmail: user.email,
          externalId: "ext-a",
          displayName: "Ada A.",
          givenName: user.givenName,
          familyName: user.familyName,
          scimAttributes: membership.scimAttributes,
        },
      }),
    });
    await setMemberActive(t.db, { orgId: org.id, membershipId: a.membership.id, active: false, actor: operator });
    await setMemberActive(t.db, { orgId: org.id, membershipId: a.membership.id, active: true, actor: operator });

    // Groups: created (IdP's one statement and the operator's), renamed, members changed, deleted.
    const g = await createGroup(t.db, { orgId: org.id, displayName: `Sales ${uniq()}`, actor: scimActor, org });
    await createGroup(t.db, { orgId: org.id, displayName: `Ops ${uniq()}`, actor: operator });
    await changeGroup(t.db, { orgId: org.id, groupId: g.id, actor: operator }, (c) => c.rename(`Sales EMEA ${uniq()}`));
    await changeGroup(t.db, { orgId: org.id, groupId: g.id, actor: operator }, (c) => c.addMembers([{ membershipId: a.membership.id }]));
    // The worker would have sent these within a second; the SCIM representation is read when a delivery is first attempted.
    while ((await deliver()) > 0);
    await deleteGroup(t.db, { orgId: org.id, groupId: g.id, actor: operator });
    await removeMember(t.db, { orgId: org.id, membershipId: a.membership.id, actor: operator });

    // SCIM tokens and SSO.
    const token = await createScimToken(t.db, { orgId: org.id, actor: operator, label: "Okta" });
    await revokeScimToken(t.db, { orgId: org.id, tokenId: token.id, actor: operator });
    await startTestJackson(t);
    await new TestIdp().connect(t.db, org.id);

    while ((await deliver()) > 0);
    for (const type of WEBHOOK_EVENTS) expect(verified(endpoint.secret, type).length, type).toBeGreaterThan(0);

    const invited = verified(endpoint.secret, "member.invited")[0]!.json;
    expect(invited.data).toMatchObject({ id: a.membership.id, schemas: expect.arrayContaining(["urn:ietf:params:scim:schemas:core:2.0:User"]) });
    expect(invited.data.meta).toMatchObject({ resourceType: "User" });
    expect(verified(endpoint.secret, "member.deleted")[0]!.json.data).toMatchObject({ id: a.membership.id });
    const members = verified(endpoint.secret, "group.members_changed")[0]!.json.data;
    expect(members).toMatchObject({ id: g.id, schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"] });
    const created = verified(endpoint.secret, "scim.token.created")[0]!.json.data;
    expect(created).toMatchObject({ id: token.id, label: "Okta" });
    expect(JSON.stringify(created)).not.toContain(token.token);
    // Each message has its own id; nothing is queued twice.
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("an organisation without endpoints queues nothing, and an endpoint gets only what it chose", async () => {
    const quiet = await makeOrg(t.db);
    await inviteMember(t.db, { orgId: quiet.id, email: `q-${uniq()}@example.com`, actor: scimActor, org: quiet });
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, quiet.id))).toEqual([]);

    const picky = await makeOrg(t.db);
    await endpointFor(picky.id, ["group.created"]);
    await inviteMember(t.db, { orgId: picky.id, email: `p-${uniq()}@example.com`, actor: scimActor, org: picky });
    await createGroup(t.db, { orgId: picky.id, displayName: "Only this", actor: scimActor, org: picky });
    const rows = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, picky.id));
    expect(rows.map((r) => r.eventType)).toEqual(["group.created"]);
    while ((await deliver()) > 0);
  });

  it("a 500 is retried within a minute with the same webhook-id, and Resend sends it again", async () => {
    const org = await makeOrg(t.db);
    const endpoint = await endpointFor(org.id, ["member.invited"]);
    const before = receiver.received.length;
    await inviteMember(t.db, { orgId: org.id, email: `r-${uniq()}@example.com`, actor: operator });
    receiver.failNext(1);
    await deliver();
    const [failed] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(failed).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500 });
    expect(failed!.responseExcerpt!.length).toBeLessThanOrEqual(300);
    expect(failed!.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect(receiver.received.length).toBe(before);

    await t.db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.id, failed!.id));
    await deliver();
    const [done] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, failed!.id));
    expect(done).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 204 });
    const got = receiver.received.filter((r) => r.headers["webhook-id"] === failed!.messageId);
    expect(got).toHaveLength(1);
    new Webhook(endpoint.secret).verify(got[0]!.body, got[0]!.headers);

    await resendWebhookDelivery(t.db, { org, actor: operator, deliveryId: failed!.id });
    await deliver();
    const again = receiver.received.filter((r) => r.headers["webhook-id"] === failed!.messageId);
    expect(again).toHaveLength(2);
    expect(again[1]!.body).toBe(again[0]!.body);
  });

  it("a crash between the change and the delivery loses nothing: a fresh worker sends it", async () => {
    const org = await makeOrg(t.db);
    const endpoint = await endpointFor(org.id, ["group.created"]);
    // The change commits; no worker runs (the process "crashed"); a worker left a lease behind mid-send.
    await createGroup(t.db, { orgId: org.id, displayName: "After the crash", actor: operator });
    await t.db.update(webhookDeliveries).set({ lockedUntil: new Date(Date.now() - 1000), attempts: 1 }).where(eq(webhookDeliveries.endpointId, endpoint.id));
    const worker = startWebhookWorker(t.db, { allowPrivateTargets: true });
    try {
      for (let i = 0; i < 100; i++) {
        const [row] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
        if (row!.status === "delivered") break;
        await sleep(50);
      }
    } finally {
      await worker.stop();
    }
    const [row] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(row!.status).toBe("delivered");
    expect(receiver.received.some((r) => r.headers["webhook-id"] === row!.messageId && r.json.data.displayName === "After the crash")).toBe(true);
  });

  it("private targets are refused: when saved, and at send time after resolving the name", async () => {
    for (const url of ["http://127.0.0.1/x", "http://localhost:8080/", "http://10.1.2.3/", "http://[::1]/", "http://169.254.169.254/latest", "http://192.168.1.10/"]) {
      expect(endpointUrlProblem(url, false), url).toMatch(/private network/);
    }
    expect(endpointUrlProblem("https://hooks.example.com/roster", false)).toBeNull();
    const org = await makeOrg(t.db);
    const err = await createWebhookEndpoint(t.db, { org, actor: operator, url: "http://127.0.0.1:9/x", events: ["member.invited"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);

    // Saved before the rule, or a name that resolves to loopback: refused when sending, nothing reaches the receiver.
    const before = receiver.received.length;
    for (const url of [receiver.url, `http://localhost:${receiver.port}/hooks`]) {
      const endpoint = await endpointFor(org.id, ["member.invited"]);
      await t.db.update(webhookEndpoints).set({ url }).where(eq(webhookEndpoints.id, endpoint.id));
      const { deliveryId } = await sendTestWebhook(t.db, { org, actor: operator, endpointId: endpoint.id });
      await deliverDueWebhooks(t.db, { allowPrivateTargets: false });
      const [row] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
      expect(row).toMatchObject({ status: "failed", responseStatus: null });
      expect(row!.responseExcerpt).toMatch(/private network/);
    }
    expect(receiver.received.length).toBe(before);
  });

  it("an endpoint failing for three days is turned off and its admins are emailed once", async () => {
    const org = await makeOrg(t.db);
    const endpoint = await endpointFor(org.id, ["group.created"]);
    await t.db.update(webhookEndpoints).set({ url: "http://127.0.0.1:9/closed", failingSince: new Date(Date.now() - GIVE_UP_AFTER_MS - 1000) }).where(eq(webhookEndpoints.id, endpoint.id));
    await createGroup(t.db, { orgId: org.id, displayName: "Nobody hears", actor: operator });
    await deliver();
    const [off] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(off).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/three days/) });
    const mails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.orgId, org.id));
    expect(mails.filter((m) => m.kind === "webhook_disabled").map((m) => m.to)).toEqual([`owner-${org.name.slice(4)}@example.com`]);
    // The audit trail says Roster did it, and why.
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "webhook.disabled")));
    expect(entries.map((e) => [e.actorKind, auditSentence(e)])).toEqual([
      ["system", "Roster turned off the webhook endpoint http://127.0.0.1:9/closed: every delivery failed for three days"],
    ]);
  });
});
