import fs from "node:fs";
import path from "node:path";
import { run } from "./run";

/**
 * Runs Vitest (the default config, or another one), streaming its own report,
 * and returns a one-line count for npm test's summary table.
 */
export async function runVitest(name: string, opts: { config?: string; env?: Record<string, string> } = {}): Promise<{ ok: boolean; summary: string }> {
  const out = path.join("test-results", `vitest-${name}.json`);
  fs.mkdirSync("test-results", { recursive: true });
  const args = ["vitest", "run", ...(opts.config ? ["--config", opts.config] : []), "--reporter=default", "--reporter=json", `--outputFile.json=${out}`];
  const code = await run("npx", args, opts.env);
  let summary = `exit ${code}`;
  try {
    const r = JSON.parse(fs.readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""}`;
  } catch {
    // keep the exit code
  }
  return { ok: code === 0, summary };
}
