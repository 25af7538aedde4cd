import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/lib/db/schema";
import { consumeRateLimit, purgeEndedRateLimits } from "@/lib/rate-limit";
import { uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe(`rate limits (${testDriver()})`, () => {
  it("counts per key and minute, and housekeeping forgets ended windows only", async () => {
    const s = new Date().getSeconds(); // start well inside a clock minute
    if (s > 45) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
    const live = `test:${uniq()}`;
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push((await consumeRateLimit(t.db, live, 3)).allowed);
    expect(decisions).toEqual([true, true, true, false]);

    const ended = `test:${uniq()}`;
    await t.db.insert(rateLimits).values({ key: ended, windowStart: sql`date_trunc('minute', now()) - interval '3 minutes'`, count: 99 });
    expect(await purgeEndedRateLimits(t.db)).toBeGreaterThanOrEqual(1);
    const keys = (await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys).toContain(live);
    expect(keys).not.toContain(ended);
    // The live window kept its count: the next request is still refused.
    expect((await consumeRateLimit(t.db, live, 3)).allowed).toBe(false);
  });
});
