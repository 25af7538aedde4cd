/**
 * `npm run bench -- large`: Roster at the size of a large company (issue 7).
 *
 * Seeds a fresh PostgreSQL database (or reuses --database) with an
 * organisation of 100,000 members and 2,000 groups — four of 10,000 members,
 * one of 10, the rest of 25 — then, against the production build, times one
 * request at a time (latency, not throughput):
 *   SCIM: userName lookup, read by id, group lookup, the first and the last
 *   page of /Users and /Groups, and a group membership PATCH (add one member,
 *   remove it) on the 10,000-member groups against the 10-member group;
 *   Users page: first page, a search, a filter, as the signed-in owner.
 * Targets: lookup p50 ≤ 5 ms, any page ≤ 50 ms p50, group PATCH within 1.5×
 * between 10 and 10,000 members, Users page ≤ 300 ms.
 *
 *   npm run bench -- large [--members 100000] [--groups 2000] [--database URL] [--keep] [--runs 40] [--port 3750]
 */
import { parseArgs } from "node:util";
import { and, eq, like, sql } from "drizzle-orm";
import { newSecret, sha256 } from "@/lib/crypto";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { groups, memberships, sessions } from "@/lib/db/schema";
import { findAccountByEmail } from "@/lib/orgs/accounts";
import { createScimToken } from "@/lib/orgs/scim-tokens";
import { buildExists, startAppServer } from "../lib/app-server";
import { createPostgresDatabase } from "../lib/local-database";
import { seedLargeOrg, seedManyGroups } from "./seed-large-org";
import { printTable, time, type Timing } from "./timing";

const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export async function run(argv: string[]): Promise<boolean> {
  const { values } = parseArgs({
    args: argv,
    options: {
      members: { type: "string" },
      groups: { type: "string" },
      database: { type: "string" },
      keep: { type: "boolean" },
      runs: { type: "string" },
      port: { type: "string" },
    },
  });
  if (!buildExists()) throw new Error("No production build: run `npm run build` first.");
  const members = Number(values.members ?? 100_000);
  const runs = Number(values.runs ?? 40);
  const created = values.database ? undefined : await createPostgresDatabase("roster_bench_large");
  const url = values.database ?? created!.url;
  const database = await openDatabase({ url, poolSize: 4 });
  const db = database.db;
  try {
    await migrate(database);
    const t0 = performance.now();
    const org = await seedLargeOrg(db, { members, slug: "largecorp" });
    await seedManyGroups(db, org.orgId, { count: Number(values.groups ?? 2000) });
    await db.execute(sql`vacuum analyze`);
    const [{ n: groupCount }] = (await db.execute(sql`select count(*)::int as n from groups where org_id = ${org.orgId}`)) as unknown as [{ n: number }];
    const [{ n: links }] = (await db.execute(sql`select count(*)::int as n from group_members where org_id = ${org.orgId}`)) as unknown as [{ n: number }];
    console.log(
      `${members.toLocaleString("en-US")} members, ${groupCount.toLocaleString("en-US")} groups, ${links.toLocaleString("en-US")} group memberships ` +
        `(seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s).`,
    );
    const { token } = await createScimToken(db, { orgId: org.orgId, actor: { kind: "operator" }, label: "bench" });
    const owner = await findAccountByEmail(db, org.ownerEmail);
    const session = newSecret();
    await db.insert(sessions).values({ tokenHash: sha256(session), userId: owner!.id, expiresAt: new Date(Date.now() + 86_400_000) });
    const sample = await db
      .select({ id: memberships.id, userName: memberships.userName })
      .from(memberships)
      .where(eq(memberships.orgId, org.orgId))
      .orderBy(sql`random()`)
      .limit(runs + 10);
    const bigGroups = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.orgId, org.orgId), like(groups.displayName, "Big %")));
    const [tiny] = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.orgId, org.orgId), eq(groups.displayName, "Tiny")));
    // Someone in none of the big groups and not in Tiny, to add and remove.
    const [outsider] = await db.execute(sql`
      select m.id from memberships m where m.org_id = ${org.orgId}
        and not exists (select 1 from group_members gm join groups g on g.id = gm.group_id
                        where gm.membership_id = m.id and (g.display_name like 'Big %' or g.display_name = 'Tiny'))
      limit 1`) as unknown as [{ id: string }];

    const server = await startAppServer({ port: Number(values.port ?? 3750), databaseUrl: url, env: { SCIM_RATE_LIMIT: "0" } });
    const base = `${server.url}/api/scim/v2`;
    const scim = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: "application/scim+json", ...(body ? { "content-type": "application/scim+json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    let ok = true;
    try {
      let i = 0;
      const next = () => sample[i++ % sample.length]!;
      // What any request costs on this server and client before Roster's own work: the floor under every row below.
      const floor = async (path: string) => {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: "application/scim+json" } });
        await res.text();
      };
      const lookups: Timing[] = [
        await time("floor: GET /api/health (select 1)", () => floor("/api/health"), { runs, warmup: 5, exempt: true }),
        await time("floor: /ServiceProviderConfig (token check)", () => floor("/api/scim/v2/ServiceProviderConfig"), { runs, warmup: 5, exempt: true }),
        await time("userName eq (SCIM lookup)", async () => {
          const r = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${next().userName.toUpperCase()}"`)}`);
          if (r.totalResults !== 1) throw new Error("lookup did not find exactly one user");
        }, { runs, warmup: 5 }),
        await time("GET /Users/{id}", () => scim("GET", `/Users/${next().id}`), { runs, warmup: 5 }),
        await time("displayName eq (group lookup)", () => scim("GET", `/Groups?filter=${encodeURIComponent('displayName eq "Team 0777"')}&excludedAttributes=members`), { runs, warmup: 5 }),
      ];
      ok = printTable(`SCIM lookups at ${members.toLocaleString("en-US")} members (one request at a time)`, lookups, 5) && ok;

      const lastUsers = Math.max(1, members + 1 - 99);
      const lastGroups = Math.max(1, groupCount - 99);
      const pages: Timing[] = [
        await time("/Users first page (count=100)", () => scim("GET", "/Users?startIndex=1&count=100"), { runs: 20, warmup: 3 }),
        await time("/Users last page", () => scim("GET", `/Users?startIndex=${lastUsers}&count=100`), { runs: 20, warmup: 3 }),
        await time("/Groups first page (no members)", () => scim("GET", "/Groups?startIndex=1&count=100&excludedAttributes=members"), { runs: 20, warmup: 3 }),
        await time("/Groups last page (no members)", () => scim("GET", `/Groups?startIndex=${lastGroups}&count=100&excludedAttributes=members`), { runs: 20, warmup: 3 }),
      ];
      ok = printTable("SCIM list paging", pages, 50) && ok;

      const membershipPatch = (groupId: string) => async () => {
        await scim("PATCH", `/Groups/${groupId}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: outsider.id }] }] });
        await scim("PATCH", `/Groups/${groupId}`, { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${outsider.id}"]` }] });
      };
      const tinyPatch = await time("add + remove on the 10-member group", membershipPatch(tiny!.id), { runs: 30, warmup: 3 });
      let g = 0;
      const bigPatch = await time("add + remove on a 10,000-member group", () => membershipPatch(bigGroups[g++ % bigGroups.length]!.id)(), { runs: 30, warmup: 3 });
      const ratio = bigPatch.p50 / tinyPatch.p50;
      printTable("Group membership PATCH (two requests per run)", [tinyPatch, { ...bigPatch, note: `${ratio.toFixed(2)}× the 10-member group (target ≤ 1.5×)` }]);
      if (ratio > 1.5) ok = false;

      const page = async (query: string) => {
        const res = await fetch(`${server.url}/admin/users${query}`, { headers: { cookie: `next-auth.session-token=${session}` }, redirect: "manual" });
        const html = await res.text();
        if (res.status !== 200 || !html.includes("seats used")) throw new Error(`GET /admin/users${query}: ${res.status}`);
      };
      const usersPage: Timing[] = [
        await time("first page", () => page(""), { runs: 15, warmup: 3 }),
        await time("search 'smith'", () => page("?q=smith"), { runs: 15, warmup: 3 }),
        await time("filter: deactivated", () => page("?state=deactivated"), { runs: 15, warmup: 3 }),
        await time("filter: a 10,000-member group", () => page(`?group=${bigGroups[0]!.id}`), { runs: 15, warmup: 3 }),
      ];
      ok = printTable("Users page, server render as the owner (wall time on localhost)", usersPage, 300) && ok;
    } finally {
      await server.stop();
    }
    console.log(ok ? "\nAll targets met." : "\nSome targets missed (see OVER above).");
    return ok;
  } finally {
    await database.close();
    if (created && !values.keep) await created.drop();
    else console.log(`Database kept: ${url}`);
  }
}
