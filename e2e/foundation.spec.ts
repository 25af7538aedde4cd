import { expect, test } from "@playwright/test";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { screenshot } from "./support/screenshots";

const OWNER = "ava@acme.example";
const MEMBER = "daniel@acme.example"; // role user in the demo data

test("the Acme owner signs in through the magic link and sees the seats in use", async ({ page }) => {
  const sql = e2eSql();
  const [truth] = await sql<{ seats: number; held: number }[]>`
    select s.seats, count(m.id)::int as held
    from organisations o join organisation_seats s on s.org_id = o.id join memberships m on m.org_id = o.id and m.state in ('invited', 'active')
    where o.slug = 'acme' group by s.seats`;
  await sql.end();

  await page.goto("/login");
  await screenshot(page, "login");
  await signInWithMagicLink(page, OWNER);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByTestId("seat-summary")).toHaveText(`${truth!.held} of ${truth!.seats} seats used`);
  await expect(page.getByRole("cell", { name: /Daniel Kim/ })).toBeVisible();
  await screenshot(page, "admin-users");

  for (const [path, heading] of [
    ["/admin/groups", "Groups"],
    ["/admin/admins", "Admin Management"],
    ["/admin/billing", "Billing"],
    ["/admin/security", "Security"],
    ["/admin/events", "Managed events"],
    ["/admin/audit", "Audit log"],
  ] as const) {
    await page.getByRole("link", { name: heading, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await screenshot(page, `admin-${path.split("/").pop()}`);
  }
});

test("a member with role user gets 403 on admin pages and on an admin action called directly", async ({ page, request }) => {
  await signInWithMagicLink(page, MEMBER);
  await expect(page.getByRole("heading", { name: "My event types" })).toBeVisible();
  await expect(page.getByText(/Welcome, Daniel Kim/)).toBeVisible();

  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  await screenshot(page, "forbidden");

  const sql = e2eSql();
  const [target] = await sql<{ id: string }[]>`
    select m.id from memberships m join users u on u.id = m.user_id where u.email = 'emma@acme.example'`;
  const action = await page.evaluate(async (id) => {
    const res = await fetch(`/api/admin/members/${id}/active`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ active: false }),
    });
    return { status: res.status, body: await res.json() };
  }, target!.id);
  expect(action.status).toBe(403);
  expect(action.body.error.code).toBe("forbidden");
  const [after] = await sql<{ state: string }[]>`select state from memberships where id = ${target!.id}`;
  expect(after!.state).toBe("active");
  await sql.end();

  // Without a session at all, the same call is 401 and nothing changes.
  const anonymous = await request.post(`/api/admin/members/${target!.id}/active`, {
    data: { active: false },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(anonymous.status()).toBe(401);
});
