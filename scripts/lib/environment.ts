/** What this machine offers the test suites: a local PostgreSQL server, Debian's Chromium. */
import fs from "node:fs";

export const pgAdminUrl = () => process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function postgresAvailable(): Promise<boolean> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(pgAdminUrl(), { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(chromiumPath());
}
