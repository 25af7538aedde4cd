/**
 * `npm run bench -- users-page`: the Users page at 100,000 members.
 *
 * Seeds a 100k-member organisation into a fresh PostgreSQL database (or
 * reuses --database URL), then times (1) the page's data loading, the exact
 * function the page calls, for the first page, searches, filters, sorts and a
 * deep page, and (2) with a production build present, the whole server render:
 * GET /admin/users… as the signed-in owner, wall time on localhost. Budget:
 * first render under 300 ms, search included (issue 5).
 *
 *   npm run bench -- users-page [--members 100000] [--database postgres://…] [--keep] [--no-http] [--runs 15]
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { newSecret, sha256 } from "@/lib/crypto";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { groups, sessions } from "@/lib/db/schema";
import { findAccountByEmail } from "@/lib/orgs/accounts";
import { loadUsersPage } from "../../app/(admin)/admin/users/load";
import { parseUsersSearch } from "../../app/(admin)/admin/users/params";
import { buildExists, startAppServer } from "../lib/app-server";
import { createPostgresDatabase } from "../lib/local-database";
import { seedLargeOrg } from "./seed-large-org";
import { printTable, time, type Timing } from "./timing";

const BUDGET_MS = 300;
/** A page number typed into the URL pages by OFFSET: shown for comparison, not a path the UI takes. */
const isInfo = (name: string) => name.includes("(OFFSET)");

/** The cases, as the URL query of the Users page. `{group}` is replaced by a real group id. */
const CASES: [string, string][] = [
  ["first page (default: name A–Z)", ""],
  ["search: a surname ('smith')", "q=smith"],
  ["search: one person ('olga.lee.4')", "q=olga.lee.4"],
  ["search: no match", "q=zzzz"],
  ["search: two letters ('li')", "q=li"],
  ["search: everyone (the domain)", "q=bigcorp"],
  ["filter: invited", "state=invited"],
  ["filter: admins", "role=admin"],
  ["filter: a group", "group={group}"],
  ["search + filter ('an', invited)", "q=an&state=invited"],
  ["sort: name Z–A", "dir=desc"],
  ["sort: state", "sort=state"],
  ["sort: role", "sort=role"],
  ["page 40 (rows 976–1000)", "page=40"],
  ["page 2000 by number (OFFSET)", "page=2000"],
  ["page 2000 by its Next link (keyset)", "page=2000&after={cursor}"],
];

export async function run(argv: string[]): Promise<boolean> {
  const { values } = parseArgs({
    args: argv,
    options: {
      members: { type: "string" },
      database: { type: "string" },
      keep: { type: "boolean" },
      "no-http": { type: "boolean" },
      runs: { type: "string" },
      port: { type: "string" },
    },
  });
  const members = Number(values.members ?? 100_000);
  const runs = Number(values.runs ?? 15);
  const created = values.database ? undefined : await createPostgresDatabase("roster_bench_users");
  const url = values.database ?? created!.url;
  const database = await openDatabase({ url, poolSize: 10 });
  let ok = true;
  try {
    await migrate(database);
    const seeded = await seedLargeOrg(database.db, { members });
    console.log(
      seeded.seconds
        ? `Seeded ${members.toLocaleString("en-US")} members in ${seeded.seconds.toFixed(1)} s (set-based INSERT … SELECT generate_series).`
        : `Reusing ${seeded.slug} in ${url}.`,
    );
    const [group] = await database.db.select({ id: groups.id }).from(groups).where(eq(groups.orgId, seeded.orgId)).limit(1);
    // The Next link of page 1,999 carries the position of its last row: what a person paging would follow.
    const page1999 = await loadUsersPage(database.db, seeded.orgId, parseUsersSearch({ page: "1999" }));
    const cases = CASES.map(
      ([name, query]) => [name, query.replace("{group}", group?.id ?? "").replace("{cursor}", page1999.list.lastCursor ?? "")] as const,
    );

    const data: Timing[] = [];
    for (const [name, query] of cases) {
      const search = parseUsersSearch(Object.fromEntries(new URLSearchParams(query)));
      const probe = await loadUsersPage(database.db, seeded.orgId, search);
      const matches = `${probe.list.total.toLocaleString("en-US")}${probe.list.totalIsCapped ? "+" : ""} rows`;
      data.push(await time(name, () => loadUsersPage(database.db, seeded.orgId, search), { runs, note: matches, exempt: isInfo(name) }));
    }
    ok = printTable(`Users page data loading at ${members.toLocaleString("en-US")} members (loadUsersPage, PostgreSQL)`, data, BUDGET_MS) && ok;

    if (values["no-http"]) return ok;
    if (!buildExists()) {
      console.log("\nNo production build (.next/BUILD_ID): skipping the server-render timings. Run `npm run build` first.");
      return ok;
    }
    const owner = await findAccountByEmail(database.db, seeded.ownerEmail);
    const token = newSecret();
    await database.db.insert(sessions).values({ tokenHash: sha256(token), userId: owner!.id, expiresAt: new Date(Date.now() + 86_400_000) });
    const server = await startAppServer({ port: Number(values.port ?? 3690), databaseUrl: url });
    try {
      const render: Timing[] = [];
      for (const [name, query] of cases) {
        const target = `${server.url}/admin/users${query ? `?${query}` : ""}`;
        const get = async () => {
          const res = await fetch(target, { headers: { cookie: `next-auth.session-token=${token}` }, redirect: "manual" });
          const html = await res.text();
          if (res.status !== 200 || !html.includes("seats used")) throw new Error(`GET ${target}: ${res.status}`);
        };
        render.push(await time(name, get, { runs, warmup: 3, exempt: isInfo(name) }));
      }
      ok = printTable("Users page server render (GET as the owner, production build, wall time on localhost)", render, BUDGET_MS) && ok;
    } finally {
      await server.stop();
    }
    return ok;
  } finally {
    await database.close();
    if (created && !values.keep) await created.drop();
    else console.log(`\nDatabase kept: ${url}`);
  }
}
