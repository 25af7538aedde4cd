import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, type OutboxEmail } from "@/lib/db/schema";
import { deliverDueEmails, MAX_ATTEMPTS } from "@/lib/email/delivery";
import { enqueueEmail } from "@/lib/email/outbox";
import type { EmailTransport } from "@/lib/email/transport";
import { uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const mail = (to: string) => ({ kind: "test", to, subject: "Hello", text: "Hi", html: "<p>Hi</p>" });

function recorder(failFirst = 0): EmailTransport & { sent: OutboxEmail[] } {
  let failures = failFirst;
  const sent: OutboxEmail[] = [];
  return {
    name: "smtp",
    sent,
    async send(email) {
      if (failures > 0) {
        failures--;
        throw new Error("421 try again later");
      }
      await new Promise((r) => setTimeout(r, 5));
      sent.push(email);
    },
  };
}

describe(`email outbox (${testDriver()})`, () => {
  it("an email queued in a rolled-back transaction is never sent", async () => {
    const to = `rb-${uniq()}@example.com`;
    await t.db
      .transaction(async (tx) => {
        await enqueueEmail(tx, mail(to));
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, to))).toEqual([]);
  });

  it("a failed send is retried later with the error kept, then delivered once", async () => {
    const to = `retry-${uniq()}@example.com`;
    await enqueueEmail(t.db, mail(to));
    const transport = recorder(1);
    await deliverDueEmails(t.db, transport);
    const [afterFailure] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1, lastError: "421 try again later" });
    expect(afterFailure!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await t.db.update(emailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(emailOutbox.to, to));
    await deliverDueEmails(t.db, transport);
    await deliverDueEmails(t.db, transport);
    const [done] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
    expect(done).toMatchObject({ status: "sent", attempts: 2, transport: "smtp" });
    expect(transport.sent.filter((e) => e.to === to)).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and marks the email failed`, async () => {
    const to = `dead-${uniq()}@example.com`;
    await enqueueEmail(t.db, mail(to));
    const transport = recorder(1000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await t.db.update(emailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(emailOutbox.to, to));
      await deliverDueEmails(t.db, transport);
    }
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("two delivery workers running at once send each email exactly once", async () => {
    const prefix = `par-${uniq()}`;
    for (let i = 0; i < 30; i++) await enqueueEmail(t.db, mail(`${prefix}-${i}@example.com`));
    const a = recorder();
    const b = recorder();
    const drain = async (tr: EmailTransport) => {
      while ((await deliverDueEmails(t.db, tr, 5)) > 0) {
        // keep draining
      }
    };
    await Promise.all([drain(a), drain(b)]);
    const ours = [...a.sent, ...b.sent].filter((e) => e.to.startsWith(prefix));
    expect(ours).toHaveLength(30);
    expect(new Set(ours.map((e) => e.id)).size).toBe(30);
  });

  it("a batch larger than a marking group: every email sent is marked sent, a failure in the middle stays pending", async () => {
    const prefix = `batch-${uniq()}`;
    for (let i = 0; i < 23; i++) await enqueueEmail(t.db, mail(`${prefix}-${i}@example.com`));
    const transport = recorder();
    const failing: EmailTransport = {
      name: "smtp",
      async send(email) {
        if (email.to === `${prefix}-12@example.com`) throw new Error("550 mailbox unavailable");
        await transport.send(email);
      },
    };
    while ((await deliverDueEmails(t.db, failing, 50)) > 0 && transport.sent.length < 22) {
      // one pass is enough; the failed one waits for its retry time
    }
    const rows = (await t.db.select().from(emailOutbox)).filter((r) => r.to.startsWith(prefix));
    const failed = rows.filter((r) => r.to === `${prefix}-12@example.com`);
    const rest = rows.filter((r) => r.to !== `${prefix}-12@example.com`);
    expect(failed).toMatchObject([{ status: "pending", lastError: "550 mailbox unavailable", lockedUntil: null }]);
    expect(rest).toHaveLength(22);
    for (const r of rest) {
      expect(r).toMatchObject({ status: "sent", transport: "smtp", lockedUntil: null, lastError: null, attempts: 1 });
      expect(r.sentAt).toBeInstanceOf(Date);
    }
    expect(transport.sent.filter((e) => e.to.startsWith(prefix))).toHaveLength(22);
  });
});
