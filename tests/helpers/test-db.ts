import { randomBytes } from "node:crypto";
import { openDatabase, type Database, type DriverKind } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

/**
 * Every test file gets a database of its own, created and migrated here and
 * dropped afterwards; nothing is assumed about leftovers. TEST_DB=postgres
 * uses the local PostgreSQL server, anything else an in-memory PGlite.
 */
export interface TestDatabase extends Database {
  /** postgres:// URL of the database (postgres only), for spawning servers against it. */
  url?: string;
  drop(): Promise<void>;
}

export const testDriver = (): DriverKind => (process.env.TEST_DB === "postgres" ? "postgres" : "pglite");

export const adminUrl = () => process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Tests create and drop databases: refuse anything but this machine. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against non-local database host "${host}"`);
  }
}

export async function createPostgresDatabase(prefix = "roster_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = adminUrl();
  assertLocalDatabase(admin);
  const { default: postgres } = await import("postgres");
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE DATABASE "${name}"`);
  await sql.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const s = postgres(admin, { max: 1, onnotice: () => {} });
      await s.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await s.end();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDriver() === "postgres") {
    const created = await createPostgresDatabase();
    const database = await openDatabase({ url: created.url, poolSize: 50 });
    await migrate(database);
    return {
      ...database,
      url: created.url,
      async drop() {
        await database.close();
        await created.drop();
      },
    };
  }
  const database = await openDatabase({});
  await migrate(database);
  return { ...database, drop: () => database.close() };
}
