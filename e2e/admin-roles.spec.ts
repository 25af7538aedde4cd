import { expect, test, type Browser } from "@playwright/test";
import { callApi, makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { screenshot } from "./support/screenshots";

test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signInWithMagicLink(page, email);
  return page;
}

const rolesOf = async (orgId: string) => {
  const sql = e2eSql();
  const rows = await sql<{ email: string; role: string }[]>`
    select u.email, m.role from memberships m join users u on u.id = m.user_id where m.org_id = ${orgId} order by u.email`;
  await sql.end();
  return Object.fromEntries(rows.map((r) => [r.email, r.role]));
};

test("role changes and ownership transfer on Admin Management, with the server's refusals", async ({ browser }) => {
  const org = await makeOrg({
    name: "Roleco",
    seats: 10,
    people: [
      { given: "Ada", family: "Admin", role: "admin" },
      { given: "Uma", family: "User" },
    ],
  });
  const [ada, uma] = org.people as [(typeof org.people)[0], (typeof org.people)[0]];
  const owner = await signedIn(browser, org.owner);
  await owner.goto("/admin/admins");
  await expect(owner.getByText("Roles are set here, never by your identity provider")).toBeVisible();

  // user → admin, by email.
  await owner.getByLabel("Member’s email").fill(uma.email);
  await owner.getByRole("button", { name: "Make admin" }).click();
  await expect(owner.getByRole("status")).toHaveText(`${uma.email} is now an admin.`);
  const admins = owner.getByRole("table", { name: "Admins" });
  await expect(admins.getByRole("row", { name: new RegExp(uma.email) })).toBeVisible();
  await screenshot(owner, "admins");

  // admin → user, confirmed first.
  await admins.getByRole("row", { name: new RegExp(uma.email) }).getByRole("button", { name: "Remove admin role" }).click();
  const confirm = owner.getByRole("dialog", { name: `Make ${uma.email} a user?` });
  await expect(confirm).toBeVisible();
  await screenshot(owner, "admins-confirm");
  await confirm.getByRole("button", { name: "Make user" }).click();
  await expect(admins.getByRole("row", { name: new RegExp(uma.email) })).toHaveCount(0);
  expect((await rolesOf(org.id))[uma.email]).toBe("user");

  // An admin cannot change the owner, nor their own role, nor transfer ownership.
  const admin = await signedIn(browser, ada.email);
  await admin.goto("/admin/admins");
  await expect(admin.getByRole("button", { name: "Transfer ownership" })).toHaveCount(0);
  await expect(admin.getByRole("row", { name: /Ada Admin/ }).getByRole("button", { name: "Remove admin role" })).toBeDisabled();
  const [ownerRow] = await (async () => {
    const sql = e2eSql();
    const r = await sql<{ id: string }[]>`select id from memberships where org_id = ${org.id} and role = 'owner'`;
    await sql.end();
    return r;
  })();
  for (const [url, body, message] of [
    [`/api/admin/members/${ownerRow!.id}/role`, { role: "user" }, /owner's role changes only by transferring ownership/],
    [`/api/admin/members/${ada.id}/role`, { role: "user" }, /cannot change your own role/],
    ["/api/admin/ownership", { membershipId: ada.id }, /Only the owner can transfer ownership/],
  ] as const) {
    const r = await callApi(admin, "POST", url, body);
    expect(r.status, url).toBe(403);
    expect(r.body.error?.message).toMatch(message);
  }
  expect(await rolesOf(org.id)).toMatchObject({ [org.owner]: "owner", [ada.email]: "admin" });

  // The owner hands over to Ada and stays on as an admin.
  await owner.reload();
  await owner.getByRole("button", { name: "Transfer ownership" }).click();
  const transfer = owner.getByRole("dialog", { name: /Transfer ownership of/ });
  await transfer.getByLabel("New owner").selectOption({ label: `Ada Admin (${ada.email})` });
  await screenshot(owner, "admins-transfer");
  await transfer.getByRole("button", { name: "Make Ada Admin the owner" }).click();
  await expect(transfer).toBeHidden();
  await expect(owner.getByRole("button", { name: "Transfer ownership" })).toHaveCount(0);
  expect(await rolesOf(org.id)).toMatchObject({ [org.owner]: "admin", [ada.email]: "owner", [uma.email]: "user" });

  // Exactly one owner, and the audit log says who did what.
  await owner.goto("/admin/audit");
  await expect(owner.getByRole("row", { name: /Ownership transferred/ })).toContainText(ada.email);
  await expect(owner.getByRole("row", { name: /Changed a role/ }).first()).toContainText(org.owner);
  const sql = e2eSql();
  const [n] = await sql<{ n: number }[]>`select count(*)::int as n from memberships where org_id = ${org.id} and role = 'owner'`;
  await sql.end();
  expect(n!.n).toBe(1);
});
