import { spawnSync } from "node:child_process";

/** Runs the operator CLI against the e2e database and returns its --json answer. */
export function rosterCli<T = Record<string, unknown>>(args: string[]): T {
  const r = spawnSync("npx", ["tsx", "scripts/roster.ts", ...args, "--json"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, APP_URL: process.env.BASE_URL },
  });
  if (r.status !== 0) throw new Error(`roster ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as T;
}
