/**
 * `npm run bench -- peer [--n 2000] [--c 16] [--repeat 1] [--no-decay]`
 *
 * Roster against its nearest peer, in one run on this machine: the workplace's
 * `../shared/perf/peer-bench.sh` drives the same SCIM workload against Jackson's
 * directory sync behind a Next.js route handler and against Roster's production
 * build (on a fresh PostgreSQL database, an organisation with N + 100 seats,
 * SCIM rate limiting off), and prints Roster / peer per phase with the CPU one
 * request cost the server and PostgreSQL. Only ratios within one run are worth
 * quoting on a shared machine.
 *
 * Then the burst-decay check (decay.ts): the same `userName eq` lookups right
 * after a create burst and again once the organisation is quiet and vacuumed.
 * Last, the issue's goals, each with its figure and whether it holds.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildExists } from "../lib/app-server";
import { perfSharedDir } from "../lib/environment";
import { createPostgresDatabase } from "../lib/local-database";
import { measureDecay, type DecayResult } from "./decay";

interface PhaseLine {
  label: string;
  phase: string;
  rps?: number;
  seconds?: number;
  errors?: number;
  ok?: boolean;
  conformance_failures?: number;
}

export async function run(argv: string[]): Promise<boolean> {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: "string", default: "2000" },
      c: { type: "string", default: "16" },
      repeat: { type: "string", default: "1" },
      port: { type: "string", default: "3104" },
      "no-decay": { type: "boolean", default: false },
    },
  });
  const N = Number(values.n);
  const C = Number(values.c);
  const perf = perfSharedDir();
  if (!perf) {
    console.error("bench peer: ../shared/perf (peer-bench.sh) not found next to this checkout; set PERF_SHARED_DIR.");
    return false;
  }
  if (!buildExists()) {
    const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (b.status !== 0) return false;
  }
  const database = await createPostgresDatabase("roster_peer");
  const port = Number(values.port);
  const appUrl = `http://127.0.0.1:${port}`;
  const serverEnv: Record<string, string> = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    SCIM_RATE_LIMIT: "0",
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  const results = path.resolve("bench-results", "peer", `${new Date().toISOString().replace(/[:.]/g, "-")}-N${N}-C${C}`);
  fs.mkdirSync(results, { recursive: true });
  try {
    const org = createOrg(serverEnv, "Peer Bench", N + 100);
    const start = [
      `cd ${shellQuote(process.cwd())}`,
      `exec env ${Object.entries(serverEnv).map(([k, v]) => `${k}=${shellQuote(v)}`).join(" ")} node_modules/.bin/next start --port ${port} --hostname 127.0.0.1`,
    ].join(" && ");
    const code = await new Promise<number>((resolve) => {
      const child = spawn("bash", [path.join(perf, "peer-bench.sh")], {
        stdio: "inherit",
        env: {
          ...process.env,
          ROSTER_START: start,
          ROSTER_BASE_URL: org.scimBaseUrl,
          ROSTER_TOKEN: org.scimToken,
          N: String(N),
          C: String(C),
          REPEAT: values.repeat,
          RES: results,
        },
      });
      child.on("exit", (c) => resolve(c ?? 1));
    });
    let decay: DecayResult | undefined;
    if (!values["no-decay"]) {
      console.log(`\nBurst decay: ${N} creates at C=${C}, then the same ${N} lookups right away and again once quiet and vacuumed`);
      decay = await measureDecay({ n: N, c: C, port, env: serverEnv, org: createOrg(serverEnv, "Decay Bench", N + 10), databaseUrl: database.url });
      console.log(decay.table);
    }
    const ok = summarise(results, decay);
    console.log(`\nresults: ${results}`);
    return code === 0 && ok;
  } finally {
    await database.drop();
  }
}

/**
 * The workload deactivates and deletes N people in a minute on purpose: exactly what the
 * mass-deprovisioning guard (issue 16) holds. Its organisation turns the guard off, as an IdP test
 * suite's would; the guarded path's cost (its lock) is still paid and measured.
 */
function createOrg(serverEnv: Record<string, string>, name: string, seats: number): { scimBaseUrl: string; scimToken: string } {
  const args = ["tsx", "scripts/roster.ts", "create-org", "--name", name, "--seats", String(seats), "--scim", "--deprovision-guard", "off", "--json"];
  const r = spawnSync("npx", args, {
    env: { ...process.env, ...serverEnv },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`create-org: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { scimBaseUrl: string; scimToken: string };
}

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** The goals of "SCIM at the framework's floor", read off this run's result files. */
function summarise(dir: string, decay: DecayResult | undefined): boolean {
  const lines: PhaseLine[] = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl"))) {
    for (const l of fs.readFileSync(path.join(dir, f), "utf8").split("\n")) {
      try {
        lines.push(JSON.parse(l) as PhaseLine);
      } catch {
        // not a result line
      }
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
  const stat = (label: string, phase: string, f: (l: PhaseLine) => number | undefined) =>
    median(lines.filter((l) => l.label === label && l.phase === phase).map(f).filter((x): x is number => Number.isFinite(x)));
  const timed = ["a_create_users", "b_filter_users", "c_patch_givenName", "d_patch_deactivate", "e_list_paging", "f2_group_add_members", "f3_group_remove_members", "g_delete_users"];
  const checks: [string, number, number][] = timed.map((p) => {
    const ratio =
      p === "e_list_paging"
        ? stat("jackson-next", p, (l) => l.seconds) / stat("roster", p, (l) => l.seconds)
        : stat("roster", p, (l) => l.rps) / stat("jackson-next", p, (l) => l.rps);
    return [`${p}: Roster / peer`, ratio, 1.5];
  });
  checks.push(["lookups / peer's empty route", stat("roster", "b_filter_users", (l) => l.rps) / stat("jackson-next", "z_empty_route", (l) => l.rps), 0.7]);
  const summaries = lines.filter((l) => l.label === "roster" && l.phase === "summary");
  const clean = summaries.length > 0 && summaries.every((s) => s.ok && !s.conformance_failures);
  console.log("\n| goal | figure | target | holds |\n|---|---|---|---|");
  for (const [what, x, min] of checks) console.log(`| ${what} | ${x.toFixed(2)}× | ≥ ${min}× | ${x >= min ? "yes" : "**no**"} |`);
  console.log(`| Roster workload errors and RFC probe failures | ${clean ? "none" : "some (see roster.*.err)"} | none | ${clean ? "yes" : "**no**"} |`);
  if (decay) {
    console.log(`| lookups after the burst / quiet and vacuumed | ${decay.ratio.toFixed(2)}× | ≤ 1.2× | ${decay.ratio <= 1.2 ? "yes" : "**no**"} |`);
  }
  return clean && checks.every(([, x, min]) => x >= min) && (!decay || decay.ratio <= 1.2);
}
