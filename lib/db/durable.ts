import { sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "./client";
import { together } from "./together";

/**
 * A transaction that releases its row locks as soon as it commits, and
 * returns only once that commit is durable.
 *
 * Why: seat changes update one hot row per organisation (lib/orgs/seats.ts).
 * A normal commit keeps that row locked until the WAL is flushed to disk
 * (several ms here), so parallel provisioning into one organisation would run
 * one fsync at a time. Here the transaction commits with
 * `synchronous_commit = off` (the lock goes at once; nothing about isolation
 * or the seat check changes), then `select txid_current()` runs as its own
 * synchronous transaction: its commit record comes after ours in the WAL, so
 * when it returns ours is on disk too — and the barriers of parallel requests
 * share one flush (group commit). The caller is answered only after that, so
 * an acknowledged change is as durable as with a plain transaction.
 *
 * Called with a transaction already open, it is a plain nested transaction:
 * the outer commit decides.
 */
export async function durableTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return db.transaction(fn);
  const result = await db.transaction(async (tx) => {
    // Sent with fn's first statement rather than on a round trip of its own:
    // it only has to be in force at the commit, and is from fn's second statement on.
    const [, value] = await together(tx.execute(sql`set local synchronous_commit = off`), fn(tx));
    return value;
  });
  await db.execute(sql`select txid_current()`);
  return result;
}
