import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import type { EmailTransport } from "./transport";

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 60;

/** 30 s, 1 min, 2 min… capped at one hour. */
export const retryDelayMs = (attempt: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));

/**
 * Sends the emails that are due. Rows are leased with FOR UPDATE SKIP LOCKED
 * and a lease time, so several app instances can run this side by side and
 * each email goes to exactly one of them; a crash mid-send lets the lease
 * expire and the email is retried.
 */
export async function deliverDueEmails(db: Db, transport: EmailTransport, batch = 20): Promise<number> {
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
  for (const email of leased) {
    try {
      await transport.send(email);
      await db
        .update(emailOutbox)
        .set({ status: "sent", sentAt: new Date(), transport: transport.name, lockedUntil: null, lastError: null })
        .where(eq(emailOutbox.id, email.id));
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
    }
  }
  return leased.length;
}
