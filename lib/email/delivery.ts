import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { run, statement } from "@/lib/db/statement";
import { emailOutbox } from "@/lib/db/schema";
import { log } from "@/lib/log/logger";
import { countEmailDeliveries } from "@/lib/metrics/email";
import type { EmailTransport } from "./transport";

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 60;

/** 30 s, 1 min, 2 min… capped at one hour. */
const retryDelayMs = (attempt: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));

/** What deliveries did, added up across batches (the worker's log line for each run). */
export interface DeliveryTally {
  sent: number;
  retry: number;
  gaveUp: number;
}

/**
 * Sends the emails that are due. Rows are leased with FOR UPDATE SKIP LOCKED
 * and a lease time, so several app instances can run this side by side and
 * each email goes to exactly one of them; a crash mid-send lets the lease
 * expire and the email is retried.
 */
export async function deliverDueEmails(db: Db, transport: EmailTransport, batch = 50, tally?: DeliveryTally): Promise<number> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.status, "pending"),
        lte(emailOutbox.nextAttemptAt, sql`now()`),
        or(isNull(emailOutbox.lockedUntil), lt(emailOutbox.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
    .limit(batch)
    .for("update", { skipLocked: true });
  const leased = await db
    .update(emailOutbox)
    .set({
      lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
      attempts: sql`${emailOutbox.attempts} + 1`,
    })
    .where(inArray(emailOutbox.id, due))
    .returning();
  // Sent emails are marked a few at a time (one statement each group, not each email): a crash can
  // then send again at most MARK_EVERY emails, each with the same Message-ID (transport.ts).
  let sent: number[] = [];
  const markSent = async () => {
    if (sent.length === 0) return;
    const ids = sent;
    sent = [];
    await run(db, MARK_SENT, [ids, transport.name]);
    countEmailDeliveries("sent", ids.length);
    if (tally) tally.sent += ids.length;
  };
  for (const email of leased) {
    try {
      await transport.send(email);
      sent.push(email.id);
      if (sent.length >= MARK_EVERY) await markSent();
    } catch (e) {
      const failed = email.attempts >= MAX_ATTEMPTS;
      await db
        .update(emailOutbox)
        .set({
          status: failed ? "failed" : "pending",
          lockedUntil: null,
          lastError: e instanceof Error ? e.message.slice(0, 500) : String(e),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(email.attempts)),
        })
        .where(eq(emailOutbox.id, email.id));
      countEmailDeliveries(failed ? "gave_up" : "retry");
      // Which email (id and kind, never the address or the content) and why, for whoever looks into a failure.
      log().warn({ job: "email.deliver", emailId: email.id, kind: email.kind, attempt: email.attempts, gaveUp: failed, err: e }, "email not sent");
      if (tally) tally[failed ? "gaveUp" : "retry"]++;
    }
  }
  await markSent();
  return leased.length;
}

const MARK_EVERY = 10;
const MARK_SENT = statement(
  `update email_outbox set status = 'sent', sent_at = now(), transport = $2, locked_until = null, last_error = null where id = any($1::bigint[])`,
);
