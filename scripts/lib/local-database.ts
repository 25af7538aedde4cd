import { randomBytes } from "node:crypto";
import { pgAdminUrl } from "./environment";

/**
 * Throwaway databases on the local PostgreSQL server (TEST_PG_URL), for the
 * test runs, the e2e and robustness suites and the benchmarks: each creates
 * its own and drops it afterwards.
 */

/** Only this machine's server: a mistyped TEST_PG_URL must never create or drop databases elsewhere. */
function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against non-local database host "${host}"`);
  }
}

export async function createPostgresDatabase(prefix = "roster_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = pgAdminUrl();
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
