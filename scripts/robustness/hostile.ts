/**
 * The hostile-input suite (issue 7): thousands of generated SCIM requests —
 * malformed JSON, wrong types, huge and deeply nested bodies, pathological
 * filters, broken PATCH operations, bad ids and tokens, odd content types and
 * headers — mixed with legitimate traffic, against a production server on a
 * fresh PostgreSQL database. Properties: no 5xx, no hang, every error a
 * well-formed SCIM error, and afterwards the database holds exactly what the
 * successful requests wrote, with every invariant intact.
 */
import postgres from "postgres";
import { startAppServer } from "../lib/app-server";
import type { Ctx, HostileCase, HostileRequest } from "./case";
import { deepNesting, hugeInputs, malformedBodies } from "./cases/bodies";
import { filters, queryParams } from "./cases/filters";
import { patchCases } from "./cases/patch";
import { badIds, badTokens, contentTypes, headerAbuse, malformedEncodings, methodsAndPaths } from "./cases/protocol";
import { unknownAndDuplicated, wrongTypes } from "./cases/types";
import { validTraffic } from "./cases/valid";
import { checkInvariants } from "./invariants";
import { scimErrorProblem, send, TIME_BOUND_MS, type Sent } from "./http";
import { Model } from "./model";
import { Rng } from "./rng";
import { secretsInLog } from "./secrets";
import { freshDatabaseWithOrgs } from "./setup";

export interface HostileResult {
  ok: boolean;
  summary: string;
}

interface Failure {
  name: string;
  problem: string;
}

export async function runHostile(opts: { port: number; seed?: number }): Promise<HostileResult> {
  const seed = opts.seed ?? Number(process.env.HOSTILE_SEED ?? Date.now() % 1_000_000);
  const rng = new Rng(seed);
  console.log(`Hostile SCIM input: seed ${seed} (HOSTILE_SEED=${seed} replays this run)`);
  const env = await freshDatabaseWithOrgs("roster_hostile", [
    // Their generated valid traffic toggles `active` and deletes dozens of people in minutes: without the
    // mass-deprovisioning guard, which would rightly hold most of it (docs/scim.md "The mass-deprovisioning guard").
    { name: "Hostile A", seats: 90, deprovisionGuard: "off" },
    { name: "Hostile B", seats: 10, deprovisionGuard: "off" },
  ]);
  const [A, B] = env.orgs as [(typeof env.orgs)[0], (typeof env.orgs)[0]];
  const server = await startAppServer({ port: opts.port, databaseUrl: env.url, env: { SCIM_RATE_LIMIT: "0" } });
  const base = `${server.url}/api/scim/v2`;
  const sql = postgres(env.url, { max: 2, onnotice: () => {} });
  try {
    const auth = { A: `Bearer ${A.token}`, B: `Bearer ${B.token}` };
    const foreignUser = await send(base, { method: "POST", path: "/Users", authorization: auth.B, body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "foreign@b.example" } });
    const foreignGroup = await send(base, { method: "POST", path: "/Groups", authorization: auth.B, body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Foreign" } });
    const foreignUserId = (foreignUser.json as { id: string }).id;
    const foreignGroupId = (foreignGroup.json as { id: string }).id;
    if (!foreignUserId || !foreignGroupId) throw new Error(`setup failed: ${foreignUser.text} ${foreignGroup.text}`);

    const model = new Model();
    const all = await send(base, { method: "GET", path: "/Users?count=1000", authorization: auth.A });
    for (const u of (all.json as { Resources: unknown[] }).Resources) model.applyUser(u);
    const ctx: Ctx = { rng, model, foreignUserId, foreignGroupId };

    const valid = validTraffic();
    const rest = [
      ...malformedBodies(),
      ...deepNesting(),
      ...hugeInputs(),
      ...wrongTypes(),
      ...unknownAndDuplicated(),
      ...filters(),
      ...queryParams(),
      ...patchCases(),
      ...badIds(),
      ...malformedEncodings(),
      ...badTokens(),
      ...contentTypes(),
      ...headerAbuse(),
      ...methodsAndPaths(),
      ...valid.slice(40),
    ];
    for (let i = rest.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    // A first batch of legitimate users and groups, so that PATCH and PUT cases have targets.
    const cases: HostileCase[] = [...valid.slice(0, 40), ...validTraffic().filter((c) => c.name.startsWith("create group")).slice(0, 5), ...rest];

    const failures: Failure[] = [];
    const perCategory = new Map<string, { total: number; ok2xx: number; c4xx: number; bad: number }>();
    let fiveXx = 0;
    let slowest = 0;
    for (const c of cases) {
      const req: HostileRequest = c.build(ctx);
      const token = req.token ?? "A";
      const authorization = token === "none" ? undefined : typeof token === "string" ? auth[token] : token.header;
      const stats = perCategory.get(c.category) ?? { total: 0, ok2xx: 0, c4xx: 0, bad: 0 };
      perCategory.set(c.category, stats);
      stats.total++;
      let r: Sent;
      try {
        r = await send(base, { ...req, authorization });
      } catch (e) {
        stats.bad++;
        failures.push({ name: `${c.category} / ${c.name}`, problem: `no answer within ${TIME_BOUND_MS} ms (${(e as Error).message})` });
        continue;
      }
      slowest = Math.max(slowest, r.ms);
      const problems: string[] = [];
      if (r.status >= 500) {
        fiveXx++;
        problems.push(`HTTP ${r.status}: ${r.text.slice(0, 200)}`);
      } else if (r.status >= 400) {
        stats.c4xx++;
        // 431 and 414 come from Node's HTTP parser before any Roster code runs; they are fine but not SCIM-shaped.
        if (r.status !== 431 && r.status !== 414) {
          const p = scimErrorProblem(r);
          if (p) problems.push(p);
        }
        if (r.status === 401 && !r.headers.get("www-authenticate")) problems.push("401 without WWW-Authenticate");
      } else {
        stats.ok2xx++;
        if (r.text && !r.headers.get("content-type")?.startsWith("application/scim+json")) problems.push(`2xx with content-type ${r.headers.get("content-type")}`);
      }
      if (c.expect && !c.expect(r.status)) problems.push(`unexpected status ${r.status}: ${r.text.slice(0, 200)}`);
      if (problems.length) {
        stats.bad++;
        failures.push({ name: `${c.category} / ${c.name}`, problem: problems.join("; ") });
      }
      if (r.status < 300 && (token === "A" || token === undefined)) await applyToModel(base, auth.A, req, r, model);
    }

    // The database against the model built from successful responses.
    const mismatches = await compareWithModel(sql, A.id, model);
    const violations = await checkInvariants(sql);

    const width = Math.max(...[...perCategory.keys()].map((k) => k.length));
    console.log(`\n${"category".padEnd(width)}  requests   2xx   4xx  failed`);
    for (const [k, s] of [...perCategory].sort()) {
      console.log(`${k.padEnd(width)}  ${String(s.total).padStart(8)}  ${String(s.ok2xx).padStart(4)}  ${String(s.c4xx).padStart(4)}  ${String(s.bad).padStart(6)}`);
    }
    for (const f of failures.slice(0, 40)) console.log(`✗ ${f.name}: ${f.problem}`);
    if (failures.length > 40) console.log(`… and ${failures.length - 40} more`);
    for (const m of mismatches.slice(0, 20)) console.log(`✗ database ≠ successful requests: ${m}`);
    for (const v of violations) console.log(`✗ invariant "${v.check}": ${JSON.stringify(v.rows)}`);
    const leaks = secretsInLog(server.logFile, [A.token, B.token]);
    for (const l of leaks) console.log(`✗ ${l}`);
    const summary = `${cases.length} requests, ${fiveXx} × 5xx, ${failures.length} failed cases, slowest ${Math.round(slowest)} ms, ${mismatches.length} database mismatches, ${violations.length} invariant violations, ${leaks.length} secrets in logs (seed ${seed})`;
    console.log(`\n${summary}`);
    return { ok: cases.length >= 2000 && fiveXx === 0 && failures.length === 0 && mismatches.length === 0 && violations.length === 0 && leaks.length === 0, summary };
  } finally {
    await sql.end();
    await server.stop();
    await env.drop();
  }
}

async function applyToModel(base: string, authorization: string, req: HostileRequest, r: Sent, model: Model) {
  const [resource, id] = req.path.split("?")[0]!.split("/").filter(Boolean);
  const isUsers = resource?.toLowerCase() === "users";
  if (!resource || !["users", "groups"].includes(resource.toLowerCase())) return;
  if (req.method === "DELETE" && id) return isUsers ? model.deleteUser(id) : model.deleteGroup(id);
  if (req.method === "GET") return;
  // Re-read the resource: the truth after the change, whatever the response carried.
  const resourceId = id ?? (r.json as { id?: string } | undefined)?.id;
  if (!resourceId) return;
  const fresh = await send(base, { method: "GET", path: `/${isUsers ? "Users" : "Groups"}/${resourceId}`, authorization });
  if (fresh.status !== 200) return;
  if (isUsers) model.applyUser(fresh.json);
  else model.applyGroup(fresh.json);
}

async function compareWithModel(sql: postgres.Sql, orgId: string, model: Model): Promise<string[]> {
  const out: string[] = [];
  const users = await sql<{ id: string; user_name: string; state: string }[]>`select id, user_name, state from memberships where org_id = ${orgId}`;
  const dbUsers = new Map(users.map((u) => [u.id, u]));
  for (const [id, u] of model.users) {
    const d = dbUsers.get(id);
    if (!d) out.push(`user ${id} (${u.userName}) missing`);
    else if (d.user_name !== u.userName || (d.state === "deactivated") === u.active) out.push(`user ${id}: db ${d.user_name}/${d.state}, expected ${u.userName}/${u.active ? "active" : "deactivated"}`);
  }
  for (const id of dbUsers.keys()) if (!model.users.has(id)) out.push(`user ${id} (${dbUsers.get(id)!.user_name}) written by a request that did not succeed`);
  const groups = await sql<{ id: string; display_name: string }[]>`select id, display_name from groups where org_id = ${orgId}`;
  const members = await sql<{ group_id: string; membership_id: string }[]>`select group_id, membership_id from group_members where org_id = ${orgId}`;
  for (const g of groups) {
    const m = model.groups.get(g.id);
    if (!m) {
      out.push(`group ${g.id} (${g.display_name}) written by a request that did not succeed`);
      continue;
    }
    if (m.displayName !== g.display_name) out.push(`group ${g.id}: db name ${g.display_name}, expected ${m.displayName}`);
    const dbMembers = new Set(members.filter((x) => x.group_id === g.id).map((x) => x.membership_id));
    if (dbMembers.size !== m.members.size || [...m.members].some((x) => !dbMembers.has(x))) out.push(`group ${g.id}: members differ`);
  }
  for (const id of model.groups.keys()) if (!groups.some((g) => g.id === id)) out.push(`group ${id} missing`);
  return out;
}
