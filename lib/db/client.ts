import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { preparedByDefault } from "./prepared";
import * as schema from "./schema";

type Schema = typeof schema;
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
  /** Connections shared by the hot single statements (lib/db/statement.ts); see `pipelines`. */
  pipelineSize?: number;
}

/**
 * A second, small pool per PostgreSQL database for the hot paths' single
 * statements (lib/db/statement.ts run() outside a transaction): a SCIM
 * lookup, create, change or delete is one short statement, and postgres.js
 * sends the statements that several requests issue at once over one
 * connection in one write (pipelining), and reads their answers in one read.
 * Measured on the shared SCIM workload (2 cores, C = 16): with 2 connections
 * instead of 20, 15-25% more requests/s in every phase, with less CPU in both
 * the app and PostgreSQL (fewer writes, reads and process wake-ups per
 * statement). Transactions and the admin console's queries keep the main pool,
 * so a slow report never queues in front of a SCIM statement.
 */
// On the database object itself under a registered symbol, not in a module-level map: a server bundle
// may hold two copies of this module (as it does of drizzle's classes), and both must find it.
const PIPELINE = Symbol.for("roster.db.pipeline");

/**
 * The type handling drizzle sets on its own postgres.js client, so that a
 * statement reads the same values on either pool: dates and times as
 * PostgreSQL's text, and json / jsonb parameters sent as the JSON text given.
 */
function readLikeDrizzle(client: { options: { parsers: Record<string, unknown>; serializers: Record<string, unknown> } }) {
  const asIs = (v: unknown) => v;
  for (const type of ["1184", "1082", "1083", "1114", "1182", "1185", "1115", "1231"]) {
    client.options.parsers[type] = asIs;
    client.options.serializers[type] = asIs;
  }
  client.options.serializers["114"] = asIs;
  client.options.serializers["3802"] = asIs;
}
export const pipelineOf = (db: object): unknown => (db as { [PIPELINE]?: unknown })[PIPELINE];

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
    const pipeline = postgres(opts.url, {
      max: opts.pipelineSize ?? 2,
      onnotice: () => {},
      connect_timeout: 10,
      // A statement stuck behind a lock would hold up every statement queued on its connection: none may take that long.
      connection: { statement_timeout: 30_000 },
    });
    readLikeDrizzle(pipeline);
    Object.defineProperty(db, PIPELINE, { value: preparedByDefault(pipeline) });
    return {
      db,
      kind: "postgres",
      url: opts.url,
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), pipeline.end({ timeout: 5 })]);
      },
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
