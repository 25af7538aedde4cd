import fs from "node:fs";
import path from "node:path";
import { run } from "../lib/run";
import type { Suite } from "../lib/suite";

/** tests/scim-http: the SCIM API over real HTTP against the production build on PostgreSQL (issue 3). */
const suite: Suite = {
  name: "SCIM HTTP suite · production build · PostgreSQL",
  needs: ["postgres", "build"],
  async run() {
    const out = path.join("test-results", "vitest-scim-http.json");
    fs.mkdirSync("test-results", { recursive: true });
    const code = await run("npx", ["vitest", "run", "--config", "vitest.scim-http.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
    let summary = `exit ${code}`;
    try {
      const r = JSON.parse(fs.readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number };
      summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed`;
    } catch {
      // keep the exit code
    }
    return { ok: code === 0, summary };
  },
};
export default suite;
