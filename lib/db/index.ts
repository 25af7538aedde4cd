import path from "node:path";
import { env } from "@/lib/env";
import { openDatabase, type Database, type Db } from "./client";
import { migrate } from "./migrate";

export type { Db, Executor, Tx } from "./client";

/**
 * The process-wide database, opened and migrated on first use. Cached on
 * globalThis because Next.js dev reloads modules, and PGlite allows a single
 * opener per data directory.
 */
const holder = globalThis as unknown as { __rosterDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__rosterDb ??= (async () => {
    const e = env();
    const database = await openDatabase({
      url: e.DATABASE_URL,
      dataDir: e.DATABASE_URL ? undefined : path.join(e.DATA_DIR, "pglite"),
      poolSize: e.DATABASE_POOL_SIZE,
      pipelineSize: e.DATABASE_PIPELINE_SIZE,
    });
    await migrate(database);
    return database;
  })().catch((err: unknown) => {
    holder.__rosterDb = undefined;
    throw err;
  });
  return holder.__rosterDb;
}

/**
 * The process's own database if it has opened it (a server, the CLI), without opening it: undefined in a
 * script that works on another database (the e2e runner, test fixtures).
 */
export function openedDatabase(): Promise<Database> | undefined {
  return holder.__rosterDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.__rosterDb;
  holder.__rosterDb = undefined;
  if (pending) await (await pending).close();
}
