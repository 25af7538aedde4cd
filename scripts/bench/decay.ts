/**
 * Does a write burst leave reads slower behind it? An IdP's initial sync
 * creates everyone and then looks each person up, and it does not wait for
 * autovacuum. This runs N creates at concurrency C, the same N `userName eq`
 * lookups right away (nothing in between: no VACUUM, no pause, the invitation
 * emails still draining), then waits until the organisation is quiet (outbox
 * empty), vacuums, and runs the same lookups again. The ratio of the two
 * lookup phases is the decay.
 */
import { startAppServer } from "../lib/app-server";
import { keepAliveClient } from "./http-client";
import { formatTable, runPool, type PhaseResult } from "./stats";

export interface DecayResult {
  table: string;
  /** Seconds of the lookups after the burst / seconds of the same lookups once quiet and vacuumed. */
  ratio: number;
}

export async function measureDecay(p: {
  n: number;
  c: number;
  port: number;
  env: Record<string, string>;
  org: { scimBaseUrl: string; scimToken: string };
  databaseUrl: string;
}): Promise<DecayResult> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(p.databaseUrl, { max: 1, onnotice: () => {} });
  const server = await startAppServer({ port: p.port, databaseUrl: p.databaseUrl, env: p.env });
  const http = keepAliveClient(p.org.scimBaseUrl, p.c);
  const headers = { Authorization: `Bearer ${p.org.scimToken}`, Accept: "application/scim+json", "Content-Type": "application/scim+json" };
  const call = async (method: string, path: string, body: unknown, expect: number) => {
    const res = await http.request(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
    if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
    return res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {};
  };
  const run = Math.random().toString(36).slice(2, 8);
  const userName = (i: number) => `decay.${run}.${i}@bench.example`;
  const lookup = async (i: number) => {
    const found = await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName(i)}"`)}`, undefined, 200);
    if (found.totalResults !== 1) throw new Error(`lookup ${i}: totalResults ${String(found.totalResults)}`);
  };
  const create = async (i: number) => {
    await call("POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: userName(i),
      name: { givenName: "Decay", familyName: `User ${i}` },
      emails: [{ value: userName(i), type: "work", primary: true }],
      externalId: `decay-${run}-${i}`,
      active: true,
    }, 201);
  };
  try {
    // Warm the server's code paths (a fresh process compiles routes lazily) without touching the measured users.
    await runPool(400, p.c, async (i) => {
      await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "warm.${run}.${i}@bench.example"`)}`, undefined, 200);
    });
    const results: PhaseResult[] = [];
    const phase = async (name: string, job: (i: number) => Promise<void>) => {
      const r = await runPool(p.n, p.c, job);
      results.push({ phase: name, ops: p.n, ...r });
      return r.seconds;
    };
    await phase("create burst (POST /Users)", create);
    const after = await phase("lookups right after the burst", lookup);
    const quietStart = performance.now();
    for (;;) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from email_outbox where status = 'pending' and "to" like ${`decay.${run}.%`}`;
      if (!row?.n) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const drained = (performance.now() - quietStart) / 1000;
    await sql`vacuum (analyze)`;
    const vacuumed = (performance.now() - quietStart) / 1000 - drained;
    const quiet = await phase("the same lookups, quiet and vacuumed", lookup);
    const ratio = after / quiet;
    return {
      table:
        `${formatTable(results)}\n\n(the invitation emails had all gone ${drained.toFixed(1)} s after the lookups; VACUUM (ANALYZE) then took ` +
        `${vacuumed.toFixed(1)} s; after / quiet = ${ratio.toFixed(2)}×)`,
      ratio,
    };
  } finally {
    http.close();
    await server.stop();
    await sql.end({ timeout: 5 });
  }
}
