import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { preparedByDefault } from "./prepared";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers (postgres.js and PGlite) give this type: domain code never knows which one it has. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What a query function takes first: the database or a transaction in progress. */
export type Executor = Db | Tx;

export type DriverKind = "postgres" | "pglite";

export interface Database {
  db: Db;
  kind: DriverKind;
  /** The postgres:// URL, for the postgres driver. */
  url?: string;
  /** Releases connections (postgres) or flushes and closes the data directory (PGlite). */
  close(): Promise<void>;
  /**
   * Subscribes to a NOTIFY channel. `onListening` runs once the subscription
   * is in force and again after every reconnection (notifications sent while
   * disconnected are lost: treat it as "anything may have changed").
   */
  listen(channel: string, onNotify: (payload: string) => void, onListening: () => void): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent an embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 20,
      onnotice: () => {},
      // Fail fast instead of hanging when the server is down.
      connect_timeout: 10,
    });
    const db = drizzle(preparedByDefault(client), { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      url: opts.url,
      close: () => client.end({ timeout: 5 }),
      // postgres.js keeps one extra connection for LISTEN and re-subscribes (calling onListening) after a reconnect.
      listen: async (channel, onNotify, onListening) => {
        await client.listen(channel, onNotify, onListening);
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = opts.dataDir ? path.resolve(opts.dataDir) : undefined;
  const release = dir ? (await import("./pglite-lock")).acquireDataDirLock(dir) : () => {};
  // pg_trgm backs the Users page search indexes (drizzle/0002_pg_trgm.sql); PGlite ships it but loads it on request.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const client = new PGlite({ dataDir: dir, extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async close() {
      await client.close();
      release();
    },
    async listen(channel, onNotify, onListening) {
      await client.listen(channel, onNotify);
      onListening();
    },
  };
}
