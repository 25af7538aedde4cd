import { openDatabase, type Database, type DriverKind } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDatabase } from "../../scripts/lib/local-database";

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
