import fs from "node:fs";
import path from "node:path";
import { run } from "../lib/run";
import type { Suite } from "../lib/suite";

/** tests/sso-servers: SAML replay across two production instances on one PostgreSQL; demo IdP refused without ROSTER_DEMO (issue 4). */
const suite: Suite = {
  name: "SSO across instances · demo IdP gating · production build",
  needs: ["postgres", "build"],
  async run() {
    const out = path.join("test-results", "vitest-sso-servers.json");
    fs.mkdirSync("test-results", { recursive: true });
    const code = await run("npx", ["vitest", "run", "--config", "vitest.sso-servers.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
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
