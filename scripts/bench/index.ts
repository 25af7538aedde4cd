/**
 * `npm run bench -- [--n 2000] [--c 16] [--base URL --token T]` (the SCIM profile)
 * `npm run bench -- users-page [--members 100000] …` (the Users page at 100k members: users-page.ts)
 * `npm run bench -- peer [--n 2000] [--c 16]` (Roster / Jackson-in-Next.js, same workload, one run: peer.ts)
 * `npm run bench -- observe [--n 200000]` (what observing one SCIM request costs in-process: observe.ts)
 *
 * Provisions N users over HTTP at concurrency C, the way an IdP does, and
 * prints throughput and p50/p95/p99 per phase: create, `userName eq` lookup,
 * PATCH, deactivate, paging through all users (sequential, count=100, as Okta
 * imports), group membership PATCH (20 members each), delete. Without --base
 * it starts the production build on a fresh PostgreSQL database with
 * SCIM_RATE_LIMIT=0 and makes the organisation with the operator CLI.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { buildExists, startAppServer, type AppServer } from "../lib/app-server";
import { createPostgresDatabase } from "../lib/local-database";
import { autovacuumStandIn } from "./autovacuum";
import { keepAliveClient } from "./http-client";
import { formatTable, runPool, type PhaseResult } from "./stats";

// Other profiles live in modules of their own and are chosen by name: `npm run bench -- users-page [options]`.
const PROFILES: Record<string, () => Promise<{ run(argv: string[]): Promise<boolean> }>> = {
  "users-page": () => import("./users-page"),
  large: () => import("./large"),
  peer: () => import("./peer"),
  observe: () => import("./observe"),
};
const profile = PROFILES[process.argv[2] ?? ""];
if (profile) {
  const ok = await (await profile()).run(process.argv.slice(3));
  process.exit(ok ? 0 : 1);
}

const { values } = parseArgs({
  options: { n: { type: "string", default: "2000" }, c: { type: "string", default: "16" }, base: { type: "string" }, token: { type: "string" }, port: { type: "string", default: "3180" } },
});
const N = Number(values.n);
const C = Number(values.c);
const MEMBERS_PER_PATCH = 20;

interface Target {
  token: string;
  http: ReturnType<typeof keepAliveClient>;
}

async function call(t: Target, method: string, path: string, body: unknown, expect: number[], headers: Record<string, string> = {}): Promise<unknown> {
  const res = await t.http.request(
    method,
    path,
    { Authorization: `Bearer ${t.token}`, Accept: "application/scim+json", ...(body ? { "Content-Type": "application/scim+json" } : {}), ...headers },
    body ? JSON.stringify(body) : undefined,
  );
  if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.text ? JSON.parse(res.text) : undefined;
}

const patchOp = (Operations: unknown[]) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations });

async function bench(t: Target, betweenPhases: () => Promise<void>): Promise<PhaseResult[]> {
  const run = Math.random().toString(36).slice(2, 8);
  const userName = (i: number) => `bench.${run}.${i}@bench.example`;
  const ids: string[] = new Array(N);
  const results: PhaseResult[] = [];
  const phase = async (name: string, ops: number, job: (i: number) => Promise<void>, concurrency = C, extra: Partial<PhaseResult> = {}) => {
    const r = await runPool(ops, concurrency, job);
    results.push({ phase: name, ops, ...r, ...extra });
    process.stderr.write(`${name}: ${ops} in ${r.seconds.toFixed(2)} s\n`);
    await betweenPhases();
  };

  await phase("create (POST /Users)", N, async (i) => {
    const created = (await call(t, "POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: userName(i),
      name: { givenName: "Bench", familyName: `User ${i}` },
      emails: [{ value: userName(i), type: "work", primary: true }],
      externalId: `ext-${run}-${i}`,
      active: true,
    }, [201])) as { id: string };
    ids[i] = created.id;
  });
  await phase("lookup (userName eq)", N, async (i) => {
    const found = (await call(t, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName(i).toUpperCase()}"`)}`, undefined, [200])) as { totalResults: number };
    if (found.totalResults !== 1) throw new Error(`lookup ${i}: ${found.totalResults} results`);
  });
  await phase("PATCH (replace name, title)", N, async (i) => {
    await call(t, "PATCH", `/Users/${ids[i]}`, patchOp([{ op: "replace", path: "name.givenName", value: `Patched ${i}` }, { op: "replace", path: "title", value: "Engineer" }]), [200]);
  });
  await phase("deactivate (PATCH active false)", N, async (i) => {
    await call(t, "PATCH", `/Users/${ids[i]}`, patchOp([{ op: "replace", value: { active: false } }]), [200]);
  });
  const pages = Math.ceil(N / 100);
  await phase("page through all users (count=100, sequential)", pages, async (p) => {
    const page = (await call(t, "GET", `/Users?startIndex=${p * 100 + 1}&count=100`, undefined, [200])) as { Resources: unknown[]; totalResults: number };
    if (page.totalResults < N) throw new Error(`paging: totalResults ${page.totalResults}`);
  }, 1, { unit: "users", perOp: 100 });

  const groups = await Promise.all(
    Array.from({ length: 10 }, async (_, g) => ((await call(t, "POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: `Bench ${run} ${g}` }, [201])) as { id: string }).id),
  );
  const patches = Math.floor(N / MEMBERS_PER_PATCH);
  await phase(`group membership PATCH (${MEMBERS_PER_PATCH} members each)`, patches, async (k) => {
    const members = ids.slice(k * MEMBERS_PER_PATCH, (k + 1) * MEMBERS_PER_PATCH).map((value) => ({ value }));
    await call(t, "PATCH", `/Groups/${groups[k % groups.length]}`, patchOp([{ op: "add", path: "members", value: members }]), [200, 204], { Prefer: "return=minimal" });
  });
  await phase("delete (DELETE /Users/{id})", N, async (i) => {
    await call(t, "DELETE", `/Users/${ids[i]}`, undefined, [204]);
  });
  for (const g of groups) await call(t, "DELETE", `/Groups/${g}`, undefined, [204]);
  return results;
}

async function main(): Promise<void> {
  let target: Target;
  let server: AppServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  let vacuum: Awaited<ReturnType<typeof autovacuumStandIn>> | undefined;
  if (values.base && values.token) {
    target = { token: values.token, http: keepAliveClient(values.base, C) };
  } else {
    if (!buildExists()) {
      const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      if (b.status !== 0) process.exit(b.status ?? 1);
    }
    const database = await createPostgresDatabase("roster_bench");
    drop = database.drop;
    vacuum = await autovacuumStandIn(database.url);
    server = await startAppServer({ port: Number(values.port), databaseUrl: database.url, env: { SCIM_RATE_LIMIT: "0" } });
    const r = spawnSync("npx", ["tsx", "scripts/roster.ts", "create-org", "--name", "Bench Org", "--seats", String(N + 10), "--scim", "--deprovision-guard", "off", "--json"], {
      env: { ...process.env, DATABASE_URL: database.url, APP_URL: server.url, NODE_ENV: "production", ROSTER_DEMO: "1" },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`create-org: ${r.stderr}`);
    const org = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { scimBaseUrl: string; scimToken: string };
    target = { token: org.scimToken, http: keepAliveClient(org.scimBaseUrl, C) };
  }
  try {
    const results = await bench(target, async () => vacuum?.between());
    console.log(`\nSCIM bench: N=${N} users, concurrency C=${C}, ${new Date().toISOString()}\n`);
    if (vacuum?.active) console.log("PostgreSQL runs without autovacuum here: the bench ran VACUUM (ANALYZE) between phases in its place.\n");
    console.log(formatTable(results));
  } finally {
    target.http.close();
    await vacuum?.close();
    await server?.stop();
    await drop?.();
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
