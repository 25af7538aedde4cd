import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { durableTransaction } from "@/lib/db/durable";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const setting = async (ex: { execute: TestDatabase["db"]["execute"] }) =>
  ((await ex.execute(sql`select current_setting('synchronous_commit') as v`)) as unknown as { v: string }[] | { rows: { v: string }[] });
const value = (r: Awaited<ReturnType<typeof setting>>) => (Array.isArray(r) ? r[0]!.v : r.rows[0]!.v);

describe(`durableTransaction (${testDriver()})`, () => {
  it("commits without waiting for the flush inside, leaves the session synchronous, and returns the result", async () => {
    // The setting travels with fn's first statement (one round trip saved), so it is in force from the second on — and at the commit.
    const inside = await durableTransaction(t.db, async (tx) => {
      await tx.execute(sql`select 1`);
      return value(await setting(tx));
    });
    expect(inside).toBe("off");
    expect(value(await setting(t.db))).toBe("on");
  });

  it("rolls back on error like any transaction", async () => {
    await t.db.execute(sql`create table durable_probe (x int)`);
    await expect(
      durableTransaction(t.db, async (tx) => {
        await tx.execute(sql`insert into durable_probe values (1)`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = (await t.db.execute(sql`select count(*)::int as n from durable_probe`)) as unknown as { n: number }[] | { rows: { n: number }[] };
    expect(Array.isArray(rows) ? rows[0]!.n : rows.rows[0]!.n).toBe(0);
  });

  it("inside an open transaction it is a plain nested one (the outer commit decides)", async () => {
    const inner = await t.db.transaction(async (outer) => durableTransaction(outer, async (tx) => value(await setting(tx))));
    expect(inner).toBe("on");
  });
});
