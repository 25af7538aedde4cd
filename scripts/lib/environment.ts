/** What this machine offers the test suites: a local PostgreSQL server, Debian's Chromium. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

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

/**
 * A folder of the workplace's shared material (`../shared/<name>`), looked for
 * next to this checkout, next to the repository it was cloned from (CI runs a
 * clean clone made elsewhere), and at the workplace's usual place. `marker` is
 * a file the folder must hold.
 */
function sharedDir(name: string, marker: string): string | undefined {
  const candidates = [path.resolve(process.cwd(), "..", "shared", name)];
  const origin = spawnSync("git", ["config", "--get", "remote.origin.url"], { encoding: "utf8" }).stdout?.trim();
  if (origin && path.isAbsolute(origin)) candidates.push(path.resolve(origin, "..", "shared", name));
  candidates.push(path.join("/work/shared", name));
  return candidates.find((dir) => fs.existsSync(path.join(dir, marker)));
}

/** The SCIM validators (IdP request replay, Okta's SPEC test, Microsoft's collection); SCIM_SHARED_DIR overrides. */
export function scimSharedDir(): string | undefined {
  return process.env.SCIM_SHARED_DIR || sharedDir("scim", "replay-idp-requests.mjs");
}

/** The peer comparison (`peer-bench.sh`: the same SCIM workload against Jackson in Next.js and Roster); PERF_SHARED_DIR overrides. */
export function perfSharedDir(): string | undefined {
  return process.env.PERF_SHARED_DIR || sharedDir("perf", "peer-bench.sh");
}
