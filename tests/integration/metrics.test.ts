import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, memberships } from "@/lib/db/schema";
import { deliverDueEmails, MAX_ATTEMPTS, type DeliveryTally } from "@/lib/email/delivery";
import { enqueueEmail } from "@/lib/email/outbox";
import type { EmailTransport } from "@/lib/email/transport";
import { outboxBacklog } from "@/lib/metrics/email";
import { countMembersByState } from "@/lib/metrics/members";
import { registry } from "@/lib/metrics/registry";
import { setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { consumeRateLimit } from "@/lib/rate-limit";
import { makeOrg, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

/**
 * The counters the domain moves (seat refusals, rate-limit refusals, email
 * deliveries) and the scrape-time queries behind the gauges (members by
 * state, the outbox backlog), against a real database. The HTTP suite
 * (tests/scim-http/metrics.test.ts) reads the same through /api/metrics.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** A counter's or gauge's value in this process's registry (0 before its first increment). */
async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = registry().getSingleMetric(name);
  if (!m) return 0;
  const { values } = await m.get();
  const found = values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want));
  return found?.value ?? 0;
}

describe(`metrics from the domain (${testDriver()})`, () => {
  it("every seat refusal counts once, whichever path refused it", async () => {
    const org = await makeOrg(t.db, { seats: 2 }); // the owner holds one
    const before = await value("roster_seat_refusals_total");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => inviteMember(t.db, { orgId: org.id, email: `s${i}-${uniq()}@example.com`, actor: scimActor })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await value("roster_seat_refusals_total")) - before).toBe(5);

    // Reactivation into a full organisation is refused by the same rule and counted the same way.
    const invited = (await t.db.select().from(memberships).where(eq(memberships.orgId, org.id))).find((m) => m.role !== "owner")!;
    await setMemberActive(t.db, { orgId: org.id, membershipId: invited.id, active: false, actor: scimActor });
    await inviteMember(t.db, { orgId: org.id, email: `fill-${uniq()}@example.com`, actor: scimActor });
    await expect(setMemberActive(t.db, { orgId: org.id, membershipId: invited.id, active: true, actor: scimActor })).rejects.toThrow(/No seats/);
    expect((await value("roster_seat_refusals_total")) - before).toBe(6);
  });

  it("rate-limit refusals count by limit, never by key", async () => {
    const before = { scim: await value("roster_rate_limit_refusals_total", { limit: "scim" }), booking: await value("roster_rate_limit_refusals_total", { limit: "booking" }) };
    const scimKey = `scim:${uniq()}`;
    for (let i = 0; i < 5; i++) await consumeRateLimit(t.db, scimKey, 3);
    await consumeRateLimit(t.db, `booking:${uniq()}`, 0);
    expect((await value("roster_rate_limit_refusals_total", { limit: "scim" })) - before.scim).toBe(2);
    expect((await value("roster_rate_limit_refusals_total", { limit: "booking" })) - before.booking).toBe(1);
    const series = (await registry().getSingleMetric("roster_rate_limit_refusals_total")!.get()).values.map((v) => v.labels.limit);
    expect(series.every((l) => ["scim", "sign_in_email", "booking", "other"].includes(String(l)))).toBe(true);
  });

  it("members by state: one grouped count that follows invitations, deactivations and removals", async () => {
    const before = await countMembersByState(t.db);
    const org = await makeOrg(t.db, { seats: 10 });
    const a = await inviteMember(t.db, { orgId: org.id, email: `m1-${uniq()}@example.com`, actor: scimActor });
    await inviteMember(t.db, { orgId: org.id, email: `m2-${uniq()}@example.com`, actor: scimActor });
    await setMemberActive(t.db, { orgId: org.id, membershipId: a.membership.id, active: false, actor: scimActor });
    const after = await countMembersByState(t.db);
    // makeOrg's owner is active; of the two invited, one was deactivated.
    expect({ invited: after.invited - before.invited, active: after.active - before.active, deactivated: after.deactivated - before.deactivated }).toEqual({
      invited: 1,
      active: 1,
      deactivated: 1,
    });
  });

  it("the outbox backlog: pending count and the age of the oldest; deliveries counted sent, retry and gave_up", async () => {
    // Other tests of this file queued invitations: deliver them first, so this one starts from an empty outbox.
    const sink: EmailTransport = { name: "smtp", send: async () => {} };
    while ((await deliverDueEmails(t.db, sink)) > 0) {
      // drain
    }
    expect(await outboxBacklog(t.db)).toEqual({ pending: 0, oldestSeconds: 0 });

    const to = (n: string) => `${n}-${uniq()}@example.com`;
    for (const n of ["a", "b", "c"]) await enqueueEmail(t.db, { kind: "test", to: to(n), subject: "s", text: "t", html: "<p>t</p>" });
    await t.db.execute(sql`update email_outbox set created_at = now() - interval '10 minutes' where status = 'pending' and "to" like 'a-%'`);
    const backlog = await outboxBacklog(t.db);
    expect(backlog.pending).toBe(3);
    expect(backlog.oldestSeconds).toBeGreaterThanOrEqual(600);
    expect(backlog.oldestSeconds).toBeLessThan(660);

    const before = {
      sent: await value("roster_email_deliveries_total", { outcome: "sent" }),
      retry: await value("roster_email_deliveries_total", { outcome: "retry" }),
      gaveUp: await value("roster_email_deliveries_total", { outcome: "gave_up" }),
    };
    // "b" fails: once for a retry, then (on its last attempt) for good; the others go.
    await t.db.execute(sql`update email_outbox set attempts = ${MAX_ATTEMPTS - 2} where "to" like 'b-%'`);
    const failingB: EmailTransport = {
      name: "smtp",
      async send(email) {
        if (email.to.startsWith("b-")) throw new Error("550 mailbox unavailable");
      },
    };
    const tally: DeliveryTally = { sent: 0, retry: 0, gaveUp: 0 };
    await deliverDueEmails(t.db, failingB, 50, tally);
    expect(tally).toEqual({ sent: 2, retry: 1, gaveUp: 0 });
    await t.db.update(emailOutbox).set({ nextAttemptAt: new Date() }).where(eq(emailOutbox.status, "pending"));
    await deliverDueEmails(t.db, failingB, 50, tally);
    expect(tally).toEqual({ sent: 2, retry: 1, gaveUp: 1 });
    expect({
      sent: (await value("roster_email_deliveries_total", { outcome: "sent" })) - before.sent,
      retry: (await value("roster_email_deliveries_total", { outcome: "retry" })) - before.retry,
      gaveUp: (await value("roster_email_deliveries_total", { outcome: "gave_up" })) - before.gaveUp,
    }).toEqual({ sent: 2, retry: 1, gaveUp: 1 });
    expect(await outboxBacklog(t.db)).toEqual({ pending: 0, oldestSeconds: 0 });
  });
});
