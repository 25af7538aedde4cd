import { expect, test } from "@playwright/test";
import { callApi, makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { screenshot } from "./support/screenshots";

test("a card organisation's owner adds seats at the quoted price and the Users meter follows", async ({ page }) => {
  const org = await makeOrg({ name: "Seatco", seats: 4, people: [{ given: "Sam", family: "Seat" }, { given: "Ivy", family: "Invited", state: "invited" }] });
  await signInWithMagicLink(page, org.owner);
  await expect(page.getByTestId("seat-summary")).toHaveText("3 of 4 seats used");

  await page.getByRole("link", { name: "Billing", exact: true }).click();
  await expect(page.getByTestId("seats-purchased")).toHaveText("4");
  await page.getByRole("button", { name: "Make changes to your plan" }).click();
  await page.getByLabel("Seats to add").fill("6");
  // The amount is the server's quote, the one addSeats will charge.
  const quote = await callApi(page, "GET", "/api/admin/billing/quote?quantity=6");
  expect(quote.status).toBe(200);
  const due = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format((quote.body.amountDueCents as number) / 100);
  await expect(page.getByTestId("amount-due")).toHaveText(due);
  await screenshot(page, "billing-add-seats");

  // The change is restated before anything is charged; Cancel changes nothing.
  await page.getByRole("button", { name: "Review: add 6 seats…" }).click();
  const confirm = page.getByRole("dialog", { name: `Add 6 seats for ${due}?` });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("Your seats go from 4 to 10.");
  await expect(confirm).toContainText(`Your card is charged ${due} now`);
  await screenshot(page, "billing-add-seats-confirm");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("seats-purchased")).toHaveText("4");
  await page.getByRole("button", { name: "Make changes to your plan" }).click();
  await page.getByLabel("Seats to add").fill("6");
  await expect(page.getByTestId("amount-due")).toHaveText(due);
  await page.getByRole("button", { name: "Review: add 6 seats…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: `Add 6 seats · pay ${due}` }).click();
  await expect(page.getByRole("status")).toContainText("Added 6 seats: you now have 10.");
  await expect(page.getByTestId("seats-purchased")).toHaveText("10");
  await expect(page.getByRole("table", { name: "Seat changes" }).getByRole("row", { name: /Added 6 seats/ })).toContainText("4 → 10");
  await screenshot(page, "billing");

  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByTestId("seat-summary")).toHaveText("3 of 10 seats used");

  // Removing is limited to unused seats: 7 of 10 are unused.
  await page.goto("/admin/billing");
  await page.getByRole("button", { name: "Make changes to your plan" }).click();
  await expect(page.getByText("7 seats unused; you can remove up to 7.")).toBeVisible();
  await page.getByLabel("Seats to remove").fill("8");
  await expect(page.getByRole("button", { name: "Remove seats" })).toBeDisabled();
  // The server holds the same line whatever the page allows.
  const tooMany = await callApi(page, "POST", "/api/admin/billing/seats", { change: "remove", quantity: 8 });
  expect(tooMany.status).toBe(400);
  expect(tooMany.body.error?.message).toMatch(/Only 7 of 10 seats are unused/);
  await page.getByLabel("Seats to remove").fill("2");
  await page.getByRole("button", { name: "Review: remove 2 seats…" }).click();
  // No refund: the dialog says what the two seats are still paid for and that it is forfeited.
  const forfeit = (await callApi(page, "GET", "/api/admin/billing/quote?quantity=2")).body.amountDueCents as number;
  const removal = page.getByRole("dialog", { name: "Remove 2 seats?" });
  await expect(removal).toContainText("Your seats go from 10 to 8.");
  await expect(removal).toContainText(`No refund is issued: the ${new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(forfeit / 100)}`);
  await screenshot(page, "billing-remove-seats-confirm");
  await removal.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("seats-purchased")).toHaveText("10");
  await page.getByRole("button", { name: "Review: remove 2 seats…" }).click();
  await removal.getByRole("button", { name: "Remove 2 seats" }).click();
  await expect(page.getByTestId("seats-purchased")).toHaveText("8");

  // Thousands carry separators, and the server holds its total limit whatever a page sends.
  const huge = await callApi(page, "POST", "/api/admin/billing/seats", { change: "add", quantity: 100_001 });
  expect(huge.status).toBe(400);
  expect(huge.body.error?.message).toBe("Choose a whole number of seats between 1 and 100,000.");

  const sql = e2eSql();
  const [row] = await sql<{ seats: number; n: number }[]>`
    select s.seats, (select count(*)::int from billing_changes b where b.org_id = s.org_id) as n from organisation_seats s where s.org_id = ${org.id}`;
  await sql.end();
  expect(row).toEqual({ seats: 8, n: 2 });
});

test("Globex pays by invoice: the page says to contact the CSM, and the server refuses a direct call", async ({ page }) => {
  await signInWithMagicLink(page, "hana@globex.example");
  await page.goto("/admin/billing");
  await expect(page.getByText("To change your plan, contact your Customer Success Manager")).toBeVisible();
  await expect(page.getByRole("button", { name: "Make changes to your plan" })).toHaveCount(0);
  await expect(page.getByLabel("Seats to add")).toHaveCount(0);
  await screenshot(page, "billing-invoice");

  const sql = e2eSql();
  const seats = async () => (await sql<{ seats: number }[]>`select s.seats from organisation_seats s join organisations o on o.id = s.org_id where o.slug = 'globex'`)[0]!.seats;
  const before = await seats();
  const r = await callApi(page, "POST", "/api/admin/billing/seats", { change: "add", quantity: 5 });
  expect(r.status).toBe(403);
  expect(r.body.error?.message).toMatch(/pays by invoice.*Customer Success Manager/);
  expect(await seats()).toBe(before);
  await sql.end();
});
