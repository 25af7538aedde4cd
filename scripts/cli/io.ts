import { closeDatabase, getDatabase, type Db } from "@/lib/db";
import { env } from "@/lib/env";

export class CliError extends Error {}

/** Opens (and migrates) the configured database for one command, and always closes it. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const e = env();
  if (e.DATABASE_URL) await assertReachable(e.DATABASE_URL);
  const database = await getDatabase();
  try {
    return await fn(database.db);
  } finally {
    await closeDatabase();
  }
}

/** postgres.js retries a refused connection for a while; say what is wrong at once instead. */
async function assertReachable(url: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (e) {
    throw new CliError(`Cannot reach PostgreSQL at ${new URL(url).host}: ${e instanceof Error ? e.message : e}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** With --json, one JSON object on stdout; otherwise a line for a person. */
export function report(json: boolean | undefined, data: Record<string, unknown>, human: string): void {
  if (json) process.stdout.write(`${JSON.stringify(data)}\n`);
  else console.log(human);
}

export function requireString(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== "string" || v.trim() === "") throw new CliError(`--${key} is required`);
  return v.trim();
}

export function requireInt(values: Record<string, unknown>, key: string): number {
  const raw = requireString(values, key);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--${key} must be a whole number, got "${raw}"`);
  return n;
}
