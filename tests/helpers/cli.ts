import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPostgresDatabase } from "../../scripts/lib/local-database";
import { testDriver } from "./test-db";

/**
 * The operator CLI in the exact form outside tools use (`npx tsx scripts/roster.ts …`), on a
 * database of its own for the driver under test: PostgreSQL, or the embedded database in a
 * temporary data directory. `dir` is that directory (PostgreSQL gets one too, for files).
 */
export interface CliDatabase {
  dir: string;
  roster(...args: string[]): { code: number | null; stdout: string; stderr: string };
  drop(): Promise<void>;
}

export async function cliDatabase(name: string, extraEnv: Record<string, string>): Promise<CliDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const pg = testDriver() === "postgres" ? await createPostgresDatabase(name) : null;
  const env = { DATABASE_URL: pg?.url ?? "", DATA_DIR: dir, ...extraEnv };
  return {
    dir,
    roster(...args) {
      const r = spawnSync("npx", ["tsx", "scripts/roster.ts", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    async drop() {
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
