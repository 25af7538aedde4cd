import { expect, test, type Page } from "@playwright/test";
import { uniq } from "../tests/helpers/fixtures";
import { makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { rosterCli } from "./support/roster-cli";
import { screenshot } from "./support/screenshots";
import { scimActive, scimPatchActive, scimProvision, type ScimOrg } from "./support/scim";

test.use({ timezoneId: "Europe/Paris" });

/** Picks the first open day and its first time, and returns the instant chosen. */
async function pickFirstSlot(page: Page, skip = 0): Promise<string> {
  await page.getByRole("group", { name: "Days" }).getByRole("button").first().click();
  const slot = page.getByRole("list", { name: "Available times" }).getByRole("button").nth(skip);
  const start = (await slot.getAttribute("data-start"))!;
  await slot.click();
  return start;
}

async function bookThroughPage(page: Page, path: string, visitor: { name: string; email: string }, skip = 0) {
  await page.goto(path);
  const start = await pickFirstSlot(page, skip);
  await page.getByLabel("Your name").fill(visitor.name);
  await page.getByLabel("Email").fill(visitor.email);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("heading", { name: "You are booked" })).toBeVisible();
  return start;
}

test("a visitor books; the member is deactivated over SCIM and the page and the API refuse; reactivated, the visitor books again", async ({ page, request }) => {
  const slug = `initech-${uniq()}`;
  const org = rosterCli<ScimOrg>(["create-org", "--name", "Initech", "--slug", slug, "--seats", "5", "--scim", "--owner", `owner@${slug}.example`]);
  const member = await scimProvision(request, org, { userName: `peter@${slug}.example`, givenName: "Peter", familyName: "Gibbons" });
  const hostPath = `/${slug}/peter`;
  const visitor = { name: "Joanna Visitor", email: `joanna-${uniq()}@example.org` };

  // The host page: name, organisation, event types.
  await page.goto(hostPath);
  await expect(page.getByRole("heading", { level: 1, name: "Peter Gibbons" })).toBeVisible();
  await expect(page.getByText("Initech", { exact: true })).toBeVisible();
  await screenshot(page, "booking-host");
  await page.getByRole("link", { name: /30 Minute Meeting/ }).click();
  await expect(page).toHaveURL(new RegExp(`${hostPath}/30-minute-meeting$`));
  await expect(page.getByRole("heading", { level: 1, name: "30 Minute Meeting" })).toBeVisible();
  // Times are shown in the visitor's zone (the browser's), which the page names.
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Paris");
  await screenshot(page, "booking-event");

  const first = await pickFirstSlot(page);
  await expect(page.getByTestId("chosen-slot")).toContainText("(Europe/Paris)");
  await page.getByLabel("Your name").fill(visitor.name);
  await page.getByLabel("Email").fill(visitor.email);
  await screenshot(page, "booking-details");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("heading", { name: "You are booked" })).toBeVisible();
  await expect(page.getByTestId("booking-with")).toHaveText("Peter Gibbons, Initech");
  await screenshot(page, "booking-confirmed");

  const sql = e2eSql();
  const made = await sql<{ starts_at: Date; attendee_email: string }[]>`
    select starts_at, attendee_email from bookings where host_membership_id = ${member.id}`;
  expect(made.map((b) => [b.starts_at.toISOString(), b.attendee_email])).toEqual([[first, visitor.email]]);
  const mails = await sql<{ to: string; subject: string }[]>`
    select "to", subject from email_outbox where kind like 'booking.%' and ("to" = ${visitor.email} or "to" = ${`peter@${slug}.example`}) order by id`;
  expect(mails).toEqual([
    { to: visitor.email, subject: "Confirmed: 30 Minute Meeting with Peter Gibbons" },
    { to: `peter@${slug}.example`, subject: "New booking: 30 Minute Meeting with Joanna Visitor" },
  ]);

  // The same slot again, straight at the API: taken.
  const body = { org: slug, member: "peter", event: "30-minute-meeting", startsAt: first, name: "Second", email: "second@example.org" };
  const again = await request.post("/api/bookings", { data: body });
  expect(again.status()).toBe(409);

  // The IdP deactivates Peter.
  // RFC 7644 §3.5.2: 200 with the resource or 204 without.
  expect([200, 204]).toContain((await scimPatchActive(request, org, member.id, false)).status());
  expect(await scimActive(request, org, member.id)).toBe(false);
  for (const path of [hostPath, `${hostPath}/30-minute-meeting`]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not available for booking" })).toBeVisible();
  }
  await screenshot(page, "booking-unavailable");
  const refused = await request.post("/api/bookings", { data: { ...body, startsAt: new Date(Date.parse(first) + 3_600_000).toISOString() } });
  expect(refused.status()).toBe(404);
  expect((await refused.json()).error.message).toBe("This person is not available for booking.");
  expect((await sql`select 1 from bookings where host_membership_id = ${member.id}`).length).toBe(1);

  // Reactivated: the same page, the same event type, and the visitor books again.
  expect([200, 204]).toContain((await scimPatchActive(request, org, member.id, true)).status());
  expect(await scimActive(request, org, member.id)).toBe(true);
  const second = await bookThroughPage(page, `${hostPath}/30-minute-meeting`, visitor);
  expect(second).not.toBe(first);
  const after = await sql<{ n: number }[]>`select count(*)::int as n from bookings where host_membership_id = ${member.id}`;
  expect(after[0]!.n).toBe(2);
  await sql.end();
});

test("a host sees the meetings booked with them on their own page, cancels one after a confirmation, and the booker's email arrives", async ({ page }) => {
  const org = await makeOrg({ name: "Hostco", seats: 5, people: [{ given: "Hana", family: "Host", role: "admin" }] });
  const host = org.people[0]!;
  const sql = e2eSql();
  const slug = (await sql<{ slug: string }[]>`select slug from memberships where id = ${host.id}`)[0]!.slug;
  const booker = { name: "Bea Booker", email: `bea-${uniq()}@example.org` };

  // A visitor (not signed in, in Paris) books Hana; then Hana signs in on the same browser.
  const start = await bookThroughPage(page, `/${org.slug}/${slug}/30-minute-meeting`, booker);

  await signInWithMagicLink(page, host.email);
  await page.goto("/me");
  const upcoming = page.getByRole("table", { name: "Upcoming bookings" });
  const row = upcoming.getByRole("row", { name: /Bea Booker/ });
  await expect(row).toContainText("30 Minute Meeting");
  await expect(row).toContainText(booker.email);
  await screenshot(page, "me-bookings");

  // Cancel asks first; Cancel in the dialog does nothing.
  await row.getByRole("button", { name: "Cancel meeting" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel 30 Minute Meeting with Bea Booker?" });
  await expect(dialog).toContainText(`Bea Booker (${booker.email}) is emailed that you cancelled the meeting`);
  await screenshot(page, "me-bookings-cancel");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toBeHidden();
  expect((await sql<{ status: string }[]>`select status from bookings where host_membership_id = ${host.id}`).map((b) => b.status)).toEqual(["confirmed"]);

  await row.getByRole("button", { name: "Cancel meeting" }).click();
  await dialog.getByRole("button", { name: "Cancel meeting and email the booker" }).click();
  await expect(page.getByText("No upcoming meetings")).toBeVisible();
  await expect(page.getByRole("table", { name: "Past and cancelled bookings" }).getByRole("row", { name: /Bea Booker/ })).toContainText("Cancelled");
  await screenshot(page, "me-bookings-cancelled");
  const [cancelled] = await sql<{ status: string; starts_at: Date }[]>`select status, starts_at from bookings where host_membership_id = ${host.id}`;
  expect(cancelled).toEqual({ status: "cancelled", starts_at: new Date(start) });

  // The booker's email arrives (the outbox worker delivers it to the mailbox), in their time zone.
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/mailbox?to=${encodeURIComponent(booker.email)}`);
        return page.getByRole("heading", { level: 1 }).textContent().catch(() => null);
      },
      { timeout: 15_000 },
    )
    .toBe("Cancelled: 30 Minute Meeting with Hana Host");
  await expect(page.getByTestId("mail-to")).toHaveText(booker.email);
  const body = page.frameLocator('iframe[title="Email body"]');
  await expect(body.getByText("Hana Host cancelled your meeting")).toBeVisible();
  await expect(body.getByText(/It was: .*\(Europe\/Paris\)/)).toBeVisible();
  await screenshot(page, "mailbox-booking-cancelled");
  // And the outbox worker has handed it to the transport (the mailbox here, SMTP with SMTP_URL).
  await expect
    .poll(
      async () =>
        (await sql<{ sent: boolean }[]>`select sent_at is not null as sent from email_outbox where "to" = ${booker.email} and kind = 'booking.cancelled'`).map((r) => r.sent),
      { timeout: 15_000 },
    )
    .toEqual([true]);
  await sql.end();
});
