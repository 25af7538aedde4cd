import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";

/**
 * CSRF: every mutating route a browser calls with the session cookie refuses a
 * request from another site, before it reads the session or the body, and
 * nothing in the organisation changes. The list of routes is read from the
 * app itself, so a route added later is covered without editing this spec.
 */
const API_ROOT = path.join(process.cwd(), "app", "api");
const BROWSER_AREAS = ["admin", "me"]; // SCIM (bearer token), next-auth (own CSRF token) and SAML (IdP posts) are not cookie-authenticated JSON routes
const MUTATING = /export\s+(?:const|async\s+function)\s+(POST|PUT|PATCH|DELETE)\b/g;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

function mutatingRoutes(ids: Record<string, string>): { method: string; url: string }[] {
  return BROWSER_AREAS.flatMap((area) => routeFiles(path.join(API_ROOT, area))).flatMap((file) => {
    const dir = path.relative(API_ROOT, path.dirname(file)).split(path.sep);
    // A dynamic segment gets a real id of the kind its parent names (members/[id] → a member), so a missing check would act on real rows.
    const url = "/api/" + dir.map((seg, i) => (seg.startsWith("[") ? (ids[dir[i - 1] ?? ""] ?? ids.default!) : seg)).join("/");
    return [...readFileSync(file, "utf8").matchAll(MUTATING)].map((m) => ({ method: m[1]!, url }));
  });
}

test("every mutating admin and member route refuses a cross-site request, and nothing changes", async ({ page }) => {
  const org = await makeOrg({ name: "Csrfco", seats: 5, people: [{ given: "Sam", family: "Site" }] });
  const sql = e2eSql();
  const [owner] = await sql<{ id: string; membershipId: string }[]>`
    select u.id, m.id as "membershipId" from users u join memberships m on m.user_id = u.id where u.email = ${org.owner}`;
  const [group] = await sql<{ id: string }[]>`insert into groups (org_id, display_name) values (${org.id}, 'Site group') returning id`;

  /** A digest of every row that belongs to the organisation, its members or its owner. */
  const snapshot = async () => {
    const tables = await sql<{ table: string; column: string }[]>`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = 'public' and column_name in ('org_id', 'membership_id', 'user_id') and table_name not in ('sessions', 'rate_limits')`;
    const digest: Record<string, string> = {};
    for (const { table, column } of tables) {
      const scope =
        column === "org_id" ? sql`org_id = ${org.id}`
        : column === "membership_id" ? sql`membership_id in (select id from memberships where org_id = ${org.id})`
        : sql`user_id = ${owner!.id}`;
      const [row] = await sql<{ d: string }[]>`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from ${sql(table)} t where ${scope}`;
      digest[`${table}.${column}`] = row!.d;
    }
    const [o] = await sql`select o::text from organisations o where id = ${org.id}`;
    return { ...digest, organisation: o };
  };

  await signInWithMagicLink(page, org.owner);
  const routes = mutatingRoutes({
    members: org.people[0]!.id,
    groups: group!.id,
    default: "00000000-0000-4000-8000-000000000000",
  });
  expect(routes.length).toBeGreaterThan(15); // the walk found the routes (a broken walk must not pass with nothing checked)
  const before = await snapshot();

  const body = JSON.stringify({ email: "mallory@evil.example", active: false, role: "admin", displayName: "x", change: "add", quantity: 1 });
  for (const { method, url } of routes) {
    const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, {}];
    for (const headers of crossSite) {
      const res = await page.request.fetch(url, { method, headers: { ...headers, "content-type": "application/json" }, data: body });
      expect(res.status(), `${method} ${url} ${JSON.stringify(headers)}`).toBe(403);
      expect((await res.json()).error.code, `${method} ${url}`).toBe("cross_site");
    }
  }
  expect(await snapshot()).toEqual(before);

  // The same session acts when the request comes from Roster's own page: the refusals above were the origin check, not a dead session.
  const ok = await page.request.post("/api/admin/groups", { headers: { origin: new URL(page.url()).origin }, data: { displayName: "Same-site group" } });
  expect(ok.status()).toBe(201);
  await sql.end();
});
