import { expect, test } from "@playwright/test";
import { callApi } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";

const MEMBER = "daniel@acme.example"; // role user in the demo data

test("a user gets 403 on every admin page and every admin action, and nothing changes", async ({ page }) => {
  const sql = e2eSql();
  const [acme] = await sql<{ id: string; seats: number; scim: boolean }[]>`select o.id, s.seats, o.scim_enabled as scim from organisations o join organisation_seats s on s.org_id = o.id where o.slug = 'acme'`;
  const [emma] = await sql<{ id: string }[]>`select m.id from memberships m join users u on u.id = m.user_id where u.email = 'emma@acme.example'`;
  const [kenji] = await sql<{ id: string }[]>`select m.id from memberships m join users u on u.id = m.user_id where u.email = 'kenji@acme.example'`;
  const [group] = await sql<{ id: string }[]>`select id from groups where org_id = ${acme!.id} limit 1`;
  const snapshot = () => sql`
    select (select count(*)::int from memberships where org_id = ${acme!.id}) as members,
           (select count(*)::int from memberships where org_id = ${acme!.id} and role = 'admin') as admins,
           (select count(*)::int from groups where org_id = ${acme!.id}) as groups,
           (select count(*)::int from scim_tokens where org_id = ${acme!.id}) as tokens,
           (select count(*)::int from audit_log where org_id = ${acme!.id} and action not like 'signin.%') as audit,
           (select seats from organisation_seats where org_id = ${acme!.id}) as seats,
           (select scim_enabled from organisations where id = ${acme!.id}) as scim`;
  const before = await snapshot();

  await signInWithMagicLink(page, MEMBER);
  for (const path of [
    "/admin/users",
    `/admin/users/${emma!.id}`,
    "/admin/groups",
    `/admin/groups/${group!.id}`,
    "/admin/admins",
    "/admin/billing",
    "/admin/security",
    "/admin/security/provisioning",
    "/admin/events",
    "/admin/audit",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  }

  const actions: [string, string, unknown?][] = [
    ["POST", "/api/admin/members", { email: "mallory@acme.example" }],
    ["DELETE", `/api/admin/members/${emma!.id}`],
    ["POST", `/api/admin/members/${emma!.id}/active`, { active: false }],
    ["POST", `/api/admin/members/${emma!.id}/role`, { role: "admin" }],
    ["POST", `/api/admin/members/${kenji!.id}/invitation`],
    ["DELETE", `/api/admin/members/${kenji!.id}/invitation`],
    ["POST", "/api/admin/admins", { email: MEMBER }],
    ["POST", "/api/admin/ownership", { membershipId: emma!.id }],
    ["GET", "/api/admin/billing/quote?quantity=1"],
    ["POST", "/api/admin/billing/seats", { change: "add", quantity: 1 }],
    ["POST", "/api/admin/scim", { enabled: true, expiresInDays: 30 }],
    ["POST", "/api/admin/scim/tokens", { expiresInDays: 30 }],
    ["DELETE", "/api/admin/scim/tokens/00000000-0000-4000-8000-000000000000"],
    ["POST", "/api/admin/scim/test", { token: "scim_x" }],
    ["POST", "/api/admin/groups", { displayName: "Mallory's group" }],
    ["PATCH", `/api/admin/groups/${group!.id}`, { displayName: "Renamed" }],
    ["DELETE", `/api/admin/groups/${group!.id}`],
    ["POST", `/api/admin/groups/${group!.id}/members`, { email: MEMBER }],
    ["DELETE", `/api/admin/groups/${group!.id}/members/${emma!.id}`],
  ];
  for (const [method, url, body] of actions) {
    const r = await callApi(page, method, url, body);
    expect(r.status, `${method} ${url}`).toBe(403);
    expect(r.body.error?.code, `${method} ${url}`).toBe("forbidden");
  }
  expect(await snapshot()).toEqual(before);
  await sql.end();
});
