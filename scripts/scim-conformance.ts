/**
 * `npm run scim:conformance`: the three interoperability suites of
 * ../shared/scim, unmodified, against a production build on a fresh
 * PostgreSQL database — each on its own organisation made with the operator
 * CLI, as an IdP admin would set it up:
 *   1. replay-idp-requests.mjs (Okta and Entra request shapes),
 *   2. Okta's SCIM 2.0 SPEC test (needs a user with name and email first:
 *      provisioned over SCIM like any other),
 *   3. Microsoft's SCIM reference Postman collection through newman (needs an
 *      empty organisation).
 * Builds first if there is no build. Exits non-zero if any suite fails.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { buildExists, startAppServer, type AppServer } from "./lib/app-server";
import { postgresAvailable, scimSharedDir } from "./lib/environment";
import { createPostgresDatabase } from "./lib/local-database";


interface Org {
  scimBaseUrl: string;
  scimToken: string;
}

function createOrg(databaseUrl: string, appUrl: string, name: string, extra: string[] = []): Org {
  const r = spawnSync("npx", ["tsx", "scripts/roster.ts", "create-org", "--name", name, "--seats", "100", "--scim", "--json", ...extra], {
    env: { ...process.env, DATABASE_URL: databaseUrl, APP_URL: appUrl, NODE_ENV: "production", ROSTER_DEMO: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`create-org failed: ${r.stderr || r.stdout}`);
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as Org;
}

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, PATH: `${path.resolve("node_modules/.bin")}:${process.env.PATH}` } });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** Okta's SPEC test reads the first user of the list: give it one with a name and an email, over SCIM. */
async function provisionSeedUser(org: Org): Promise<void> {
  const body = JSON.stringify({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: "ada.lovelace@conformance.example",
    name: { givenName: "Ada", familyName: "Lovelace" },
    emails: [{ value: "ada.lovelace@conformance.example", type: "work", primary: true }],
    active: true,
  });
  // A pooled keep-alive socket may have been closed by the server while the replay ran
  // ("other side closed"): retry once on a network error; a retried create may find itself (409).
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${org.scimBaseUrl}/Users`, {
        method: "POST",
        headers: { Authorization: `Bearer ${org.scimToken}`, "Content-Type": "application/scim+json" },
        body,
      });
      if (res.status === 201 || (attempt > 1 && res.status === 409)) return;
      throw new Error(`seed user: ${res.status} ${await res.text()}`);
    } catch (e) {
      if (attempt >= 3 || !(e instanceof TypeError)) throw e;
    }
  }
}

export async function runConformance(port = Number(process.env.SCIM_CONFORMANCE_PORT ?? 3160)): Promise<{ ok: boolean; summary: string }> {
  if (!(await postgresAvailable())) throw new Error("PostgreSQL is not reachable (TEST_PG_URL)");
  const sharedDir = scimSharedDir();
  if (!sharedDir) throw new Error("../shared/scim not found next to this checkout or its origin; set SCIM_SHARED_DIR");
  console.log(`SCIM validators from ${sharedDir}`);
  if (!buildExists()) {
    const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (b.status !== 0) return { ok: false, summary: "next build failed" };
  }
  const database = await createPostgresDatabase("roster_scim_conformance");
  let server: AppServer | undefined;
  const results: [string, number][] = [];
  try {
    server = await startAppServer({ port, databaseUrl: database.url });
    const replay = createOrg(database.url, server.url, "Replay Org");
    console.log(`\n# IdP request replay (${replay.scimBaseUrl})`);
    results.push(["replay-idp-requests", await run("node", [path.join(sharedDir, "replay-idp-requests.mjs"), "--base", replay.scimBaseUrl, "--token", replay.scimToken])]);

    const okta = createOrg(database.url, server.url, "Okta Spec Org");
    await provisionSeedUser(okta);
    console.log(`\n# Okta SCIM 2.0 SPEC test (${okta.scimBaseUrl})`);
    results.push([
      "okta-spec",
      await run("node", [
        path.join(sharedDir, "validators", "run-okta-spec.mjs"),
        "--spec",
        path.join(sharedDir, "validators", "okta-scim-20-spec-test.json"),
        "--base",
        okta.scimBaseUrl,
        "--token",
        okta.scimToken,
      ]),
    ]);

    // Microsoft's collection deletes every user it made in its teardown, more than the
    // mass-deprovisioning guard lets through in an hour: an IdP test suite, so its organisation turns the guard off.
    const microsoft = createOrg(database.url, server.url, "Microsoft Collection Org", ["--deprovision-guard", "off"]);
    console.log(`\n# Microsoft SCIM reference collection (${microsoft.scimBaseUrl})`);
    results.push(["microsoft-collection", await run("bash", [path.join(sharedDir, "validators", "run-microsoft-collection.sh"), microsoft.scimBaseUrl, microsoft.scimToken])]);
  } finally {
    await server?.stop();
    await database.drop();
  }
  const failed = results.filter(([, code]) => code !== 0);
  console.log("\n# SCIM conformance");
  for (const [name, code] of results) console.log(`${code === 0 ? "PASS" : "FAIL"} ${name}`);
  const summary = `${results.length - failed.length} passed, ${failed.length} failed`;
  console.log(`scim-conformance: ${summary}`);
  return { ok: failed.length === 0, summary: failed.length ? `${summary}: ${failed.map(([n]) => n).join(", ")}` : summary };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runConformance()
    .then((r) => process.exit(r.ok ? 0 : 1))
    .catch((e: unknown) => {
      console.error(`scim-conformance: ${e instanceof Error ? e.message : e}`, e instanceof Error ? e.cause : "");
      process.exit(1);
    });
}
