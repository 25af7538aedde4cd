import path from "node:path";
import type { Database } from "./client";

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
// Any constant works; it only has to be the same for every Roster instance.
const MIGRATION_LOCK_KEY = 7_261_001;

/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL several app
 * instances may start at once, so the run is serialised with an advisory lock
 * held on one dedicated connection.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  if (!database.url) throw new Error("postgres database without a URL");
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
  const conn = postgres(database.url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await run(drizzle(conn), { migrationsFolder: MIGRATIONS_FOLDER });
    await conn`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await conn.end({ timeout: 5 });
  }
}
