import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { screenshot } from "./support/screenshots";

const OWNER = "ava@acme.example";

/** Opens a row's "⋯" menu and picks an item. */
async function rowAction(page: Page, row: Locator, name: string, item: string) {
  await row.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

const seatSummary = async () => {
  const sql = e2eSql();
  const [r] = await sql<{ seats: number; held: number }[]>`select s.seats, s.held from organisation_seats s join organisations o on o.id = s.org_id where o.slug = 'acme'`;
  await sql.end();
  return `${r!.held} of ${r!.seats} seats used`;
};

test("Users: search, filters and sorting run in the database and keep each other", async ({ page }) => {
  await signInWithMagicLink(page, OWNER);
  await page.goto("/admin/users");
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row").nth(1)).toContainText("Ava Thompson"); // A–Z by name
  await screenshot(page, "users");

  await page.getByRole("searchbox", { name: "Search users" }).fill("garcia");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=garcia/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Emma Garcia");

  await page.goto("/admin/users");
  await page.getByLabel("State").selectOption("invited");
  await expect(page).toHaveURL(/state=invited/);
  await expect(table.getByRole("row").filter({ hasText: "Active" })).toHaveCount(0);
  await expect(table).toContainText("Kenji Sato");
  await page.getByLabel("Group").selectOption({ label: "Sales" });
  await expect(page).toHaveURL(/state=invited.*group=|group=.*state=invited/);
  await expect(table.getByRole("row")).toHaveCount(2); // Marco Bianchi: invited, in Sales
  await expect(table).toContainText("Marco Bianchi");
  await screenshot(page, "users-filtered");

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.getByRole("link", { name: /^Name/ }).click(); // now Z–A
  await expect(page).toHaveURL(/dir=desc/);
  await expect(table.getByRole("row").nth(1)).toContainText("Omar Aziz");
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");

  await page.getByRole("searchbox", { name: "Search users" }).fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No users match these filters")).toBeVisible();
  await screenshot(page, "users-empty-search");
});

test("Users: invite by email, resend and revoke the invitation, deactivate, reactivate and remove — each confirmed, seats follow", async ({ page }) => {
  await signInWithMagicLink(page, OWNER);
  await page.goto("/admin/users");
  const before = await seatSummary();
  await expect(page.getByTestId("seat-summary")).toHaveText(before);

  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a user" });
  await dialog.getByLabel("Email").fill("zoe.new@acme.example");
  await dialog.getByLabel("First name").fill("Zoe");
  await dialog.getByLabel("Last name").fill("Newman");
  await screenshot(page, "users-invite");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent to zoe.new@acme.example." })).toBeVisible();
  const after = await seatSummary();
  expect(after).not.toBe(before);
  await expect(page.getByTestId("seat-summary")).toHaveText(after);

  // The same address again: refused with a reason, nothing written.
  await page.getByRole("button", { name: "Invite user" }).click();
  await dialog.getByLabel("Email").fill("ZOE.NEW@acme.example");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("searchbox", { name: "Search users" }).fill("zoe.new");
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row", { name: /Zoe Newman/ });
  await expect(row).toContainText("Invited");
  await expect(row).toContainText("Roster invite");

  const sql = e2eSql();
  const invitations = async () =>
    (await sql<{ n: number }[]>`select count(*)::int as n from email_outbox where "to" = 'zoe.new@acme.example' and kind = 'invitation'`)[0]!.n;
  expect(await invitations()).toBe(1);
  await rowAction(page, row, "Zoe Newman", "Resend invitation");
  await page.getByRole("dialog", { name: /Resend the invitation/ }).getByRole("button", { name: "Send invitation" }).click();
  await expect.poll(invitations).toBe(2);

  await rowAction(page, row, "Zoe Newman", "Revoke invitation");
  await page.getByRole("dialog", { name: /Revoke the invitation/ }).getByRole("button", { name: "Revoke invitation" }).click();
  await expect(row).toContainText("invitation revoked");

  await rowAction(page, row, "Zoe Newman", "Deactivate");
  const deactivate = page.getByRole("dialog", { name: "Deactivate zoe.new@acme.example?" });
  await expect(deactivate).toContainText("Their seat is freed");
  await deactivate.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await expect(page.getByTestId("seat-summary")).toHaveText(before);

  await rowAction(page, row, "Zoe Newman", "Reactivate");
  await page.getByRole("dialog", { name: /Reactivate/ }).getByRole("button", { name: "Reactivate" }).click();
  await expect(row).toContainText("Invited");
  await expect(page.getByTestId("seat-summary")).toHaveText(after);

  await rowAction(page, row, "Zoe Newman", "Remove");
  const remove = page.getByRole("dialog", { name: "Remove zoe.new@acme.example permanently?" });
  await screenshot(page, "users-remove-confirm");
  await remove.getByRole("button", { name: "Remove permanently" }).click();
  await expect(page.getByText("No users match these filters")).toBeVisible();
  await expect(page.getByTestId("seat-summary")).toHaveText(before);

  // The owner's own row offers nothing destructive.
  await page.goto("/admin/users?q=ava");
  await page.getByRole("row", { name: /Ava Thompson/ }).getByRole("button", { name: "Actions" }).click();
  await expect(page.getByRole("menuitem", { name: "Remove" })).toBeDisabled();
  await expect(page.getByRole("menu")).toContainText("The owner of the organisation cannot be deactivated. Transfer ownership to another admin on the Admin Management page first.");
  await screenshot(page, "users-row-menu");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);

  await page.goto("/admin/audit?q=zoe.new");
  // The trail reads as sentences ("ava@acme.example invited Zoe New").
  for (const action of [/ invited /, / resent .*invitation/, / revoked .*invitation/, / deactivated /, / reactivated /, / deleted /]) {
    await expect(page.getByRole("row", { name: action })).toBeVisible();
  }
  await screenshot(page, "audit");
  await sql.end();
});

test("Groups: create, add a member, rename, remove the member, delete", async ({ page }) => {
  await signInWithMagicLink(page, OWNER);
  await page.goto("/admin/groups");
  await screenshot(page, "groups");
  await page.getByRole("button", { name: "New group" }).first().click();
  await page.getByRole("dialog", { name: "New group" }).getByLabel("Group name").fill("Interviewers");
  await page.getByRole("dialog", { name: "New group" }).getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Interviewers" })).toBeVisible();
  await expect(page.getByText("Nobody is in this group yet.")).toBeVisible();

  await page.getByLabel("Add a member by email").fill("farah@acme.example");
  await page.getByRole("button", { name: "Add to group" }).click();
  await expect(page.getByRole("table", { name: "Group members" })).toContainText("Farah Haddad");
  await page.getByLabel("Add a member by email").fill("nobody@acme.example");
  await page.getByRole("button", { name: "Add to group" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nobody in Acme" })).toContainText("Nobody in Acme has the email nobody@acme.example");
  await screenshot(page, "group-detail");

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByRole("dialog", { name: /Rename/ }).getByLabel("Group name").fill("Sales");
  await page.getByRole("dialog", { name: /Rename/ }).getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("dialog", { name: /Rename/ }).getByRole("alert")).toContainText('A group named "Sales" already exists');
  await page.getByRole("dialog", { name: /Rename/ }).getByLabel("Group name").fill("Interview panel");
  await page.getByRole("dialog", { name: /Rename/ }).getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Interview panel" })).toBeVisible();

  await page.getByRole("row", { name: /Farah Haddad/ }).getByRole("button", { name: "Remove from group" }).click();
  await page.getByRole("dialog", { name: /Remove farah@acme.example/ }).getByRole("button", { name: "Remove from group" }).click();
  await expect(page.getByText("Nobody is in this group yet.")).toBeVisible();

  await page.goto("/admin/groups");
  await page.getByRole("row", { name: /Interview panel/ }).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: /Delete the group/ }).getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByRole("row", { name: /Interview panel/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Engineering/ })).toBeVisible();
});
