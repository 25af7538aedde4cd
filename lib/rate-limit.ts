import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";
import { countRateLimitRefusal } from "@/lib/metrics/rate-limit";

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the window resets (RFC 9110 Retry-After; Okta reads nothing else). */
  retryAfter: number;
}

/**
 * Rate limits for SCIM clients, sign-in emails and public bookings.
 *
 * A fixed one-minute window per key, counted in PostgreSQL so that every app
 * instance shares it. One statement: the upsert both counts this request (or
 * `units` of them: a SCIM bulk request counts each operation) and
 * says where the window stands, using the database clock so instances with
 * skewed clocks agree.
 */
export async function consumeRateLimit(db: Executor, key: string, perMinute: number, units = 1): Promise<RateDecision> {
  const window = sql`date_trunc('minute', now())`;
  const rows = await db
    .insert(rateLimits)
    .values({ key, windowStart: window, count: units })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + excluded.count else excluded.count end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`ceil(extract(epoch from (${rateLimits.windowStart} + interval '1 minute' - now())))::int`,
    });
  const row = rows[0]!;
  const allowed = row.count <= perMinute;
  if (!allowed) countRateLimitRefusal(key);
  return { allowed, retryAfter: Math.max(1, row.retryAfter) };
}

/**
 * Forgets windows that have ended. Keys include what strangers type (an email
 * address on the sign-in form), so without this the table would grow with
 * every address ever tried. Run from the server's housekeeping timer.
 */
export async function purgeEndedRateLimits(db: Executor): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(sql`${rateLimits.windowStart} < date_trunc('minute', now())`)
    .returning({ key: rateLimits.key });
  return gone.length;
}
