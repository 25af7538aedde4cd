/**
 * `npx tsx scripts/bench/reads.ts`: read latency as an organisation grows. Loads 2,000 and
 * 20,000 members straight into a fresh PostgreSQL database (creation is measured by
 * `npm run bench`), then pages through all of them sequentially with count=100 and
 * runs 300 `userName eq` lookups, over HTTP against the production build. The issue asks
 * for lookup and page latency at 20,000 within 1.5x of those at 2,000.
 */
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { startAppServer } from "../lib/app-server";
import { createPostgresDatabase } from "../lib/local-database";
const database = await createPostgresDatabase("roster_paging");
const server = await startAppServer({ port: Number(process.env.BENCH_READS_PORT ?? 3184), databaseUrl: database.url, env: { SCIM_RATE_LIMIT: "0" } });
const sql = postgres(database.url, { onnotice: () => {} });
const results: string[] = [];
for (const n of [2000, 20000]) {
  const r = spawnSync("npx", ["tsx", "scripts/roster.ts", "create-org", "--name", `Paging ${n}`, "--seats", String(n + 10), "--scim", "--json"], { env: { ...process.env, DATABASE_URL: database.url, APP_URL: server.url }, encoding: "utf8" });
  const org = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
  // Bulk-load N members directly (the bench's create phase measures creation; this measures reading).
  await sql`insert into users (email, given_name, family_name, origin) select 'p' || ${n}::text || '-' || g || '@paging.example', 'Given', 'Family ' || g, 'provisioned' from generate_series(1, ${n}) g`;
  await sql`insert into memberships (org_id, user_id, role, state, source, slug, user_name, scim_attributes, created_at)
            select ${org.id}, u.id, 'user', 'invited', 'scim', split_part(u.email, '@', 1), u.email,
                   jsonb_build_object('emails', jsonb_build_array(jsonb_build_object('value', u.email, 'type', 'work', 'primary', true))),
                   now() - (row_number() over (order by u.email)) * interval '1 ms'
            from users u where u.email like ${`p${n}-%`}`;
  await sql`vacuum analyze memberships`;
  const H = { Authorization: `Bearer ${org.scimToken}`, Accept: "application/scim+json" };
  for (let warm = 0; warm < 3; warm++) await (await fetch(`${org.scimBaseUrl}/Users?count=100`, { headers: H })).text();
  const times: number[] = [];
  for (let start = 1; start <= n; start += 100) {
    const t0 = performance.now();
    const res = await fetch(`${org.scimBaseUrl}/Users?startIndex=${start}&count=100`, { headers: H });
    const body = await res.json();
    times.push(performance.now() - t0);
    if (body.totalResults !== n || body.Resources.length !== 100) throw new Error(`page ${start}: ${body.totalResults} ${body.Resources?.length}`);
  }
  const lookups: number[] = [];
  for (let i = 1; i <= 300; i++) {
    const t0 = performance.now();
    const res = await fetch(`${org.scimBaseUrl}/Users?filter=${encodeURIComponent(`userName eq "P${n}-${i * Math.floor(n / 300)}@PAGING.EXAMPLE"`)}`, { headers: H });
    const body = await res.json();
    lookups.push(performance.now() - t0);
    if (body.totalResults !== 1) throw new Error("lookup");
  }
  const s = [...times].sort((a, b) => a - b);
  const l = [...lookups].sort((a, b) => a - b);
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!.toFixed(1);
  results.push(`| ${n} | ${(times.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s for ${times.length} pages | ${pct(s, 50)} | ${pct(s, 95)} | ${pct(s, 99)} | ${pct(l, 50)} | ${pct(l, 95)} |`);
}
console.log("| users | sequential paging (count=100) | page p50 ms | page p95 ms | page p99 ms | lookup p50 ms | lookup p95 ms |\n| --- | --- | --- | --- | --- | --- | --- |\n" + results.join("\n"));
await sql.end(); await server.stop(); await database.drop();
