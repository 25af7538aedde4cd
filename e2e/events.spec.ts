import { expect, test, type Browser } from "@playwright/test";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { screenshot } from "./support/screenshots";

const OWNER = "ava@acme.example";
const DANIEL = "daniel@acme.example"; // Engineering
test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithMagicLink(page, email);
  return page;
}

async function eventTitlesOn(browser: Browser, path: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  const titles = await page.getByRole("list", { name: "Event types" }).getByRole("link").allInnerTexts();
  await context.close();
  return titles.map((t) => t.split("\n")[0]!.trim());
}

const copies = async (title: string) => {
  const sql = e2eSql();
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from event_types c join managed_event_types m on m.id = c.managed_event_type_id where m.title = ${title}`;
  await sql.end();
  return row!.n;
};

test("an admin gives a managed event to a group; its members receive a locked copy that follows edits", async ({ browser }) => {
  const admin = await signedIn(browser, OWNER);
  await admin.goto("/admin/events");
  await expect(admin.getByText("No managed event types yet")).toBeVisible();
  await expect(admin.getByTestId("default-event")).toHaveText("30 Minute Meeting · 30 min");
  await screenshot(admin, "admin-events-empty");

  // The default for members provisioned from now on.
  await admin.getByRole("button", { name: "Change default" }).click();
  await admin.getByLabel("Default title").fill("Intro call");
  await admin.getByLabel("Default duration").selectOption("20");
  await admin.getByRole("button", { name: "Save default" }).click();
  await expect(admin.getByTestId("default-event")).toHaveText("Intro call · 20 min");

  await admin.getByRole("button", { name: "New managed event" }).first().click();
  const form = admin.getByRole("form", { name: "New managed event" });
  await form.getByLabel("Title").fill("Customer onboarding");
  await form.getByLabel("Duration").selectOption("45");
  await form.getByLabel("Location").fill("Zoom");
  await form.getByLabel("Description").fill("A walkthrough of your new workspace with an engineer.");
  await form.getByRole("radio", { name: /Chosen groups/ }).check();
  await form.getByRole("checkbox", { name: /Engineering/ }).check();
  await screenshot(admin, "admin-events-new");
  await form.getByRole("button", { name: "Create managed event" }).click();

  const card = admin.getByRole("article", { name: "Customer onboarding" });
  await expect(card).toBeVisible();
  await expect(card.getByText("Engineering")).toBeVisible();
  // Engineering in the demo data: Ben, Daniel, George, Ivan (active) and Kenji (invited).
  await expect(card.getByTestId("copies")).toHaveText("On 5 members' booking pages");
  expect(await copies("Customer onboarding")).toBe(5);
  await screenshot(admin, "admin-events");

  expect(await eventTitlesOn(browser, "/acme/daniel")).toContain("Customer onboarding");
  expect(await eventTitlesOn(browser, "/acme/emma")).not.toContain("Customer onboarding"); // Sales

  // An edit reaches every copy.
  await card.getByRole("button", { name: "Edit" }).click();
  await card.getByLabel("Title").fill("Customer kickoff");
  await card.getByRole("button", { name: "Save and update copies" }).click();
  await expect(admin.getByRole("article", { name: "Customer kickoff" })).toBeVisible();
  expect(await eventTitlesOn(browser, "/acme/daniel")).toContain("Customer kickoff");

  await admin.getByRole("button", { name: "Change default" }).click();
  await admin.getByLabel("Default title").fill("30 Minute Meeting");
  await admin.getByLabel("Default duration").selectOption("30");
  await admin.getByRole("button", { name: "Save default" }).click();
  await expect(admin.getByTestId("default-event")).toHaveText("30 Minute Meeting · 30 min");
});

test("a member manages their own event types and hours; the managed copy is locked", async ({ browser }) => {
  const page = await signedIn(browser, DANIEL);
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1, name: "My event types" })).toBeVisible();
  await expect(page.getByTestId("booking-link")).toHaveText(/\/acme\/daniel$/);

  const managed = page.getByRole("listitem", { name: "Customer kickoff" });
  await expect(managed.getByText("Managed by Acme")).toBeVisible();
  await expect(managed.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("listitem", { name: "30 Minute Meeting" }).getByText("Default")).toBeVisible();

  await page.getByRole("button", { name: "New event type" }).click();
  const form = page.getByRole("form", { name: "New event type" });
  await form.getByLabel("Title").fill("Pairing session");
  await form.getByLabel("Duration").selectOption("60");
  await form.getByRole("button", { name: "Create event type" }).click();
  const pairing = page.getByRole("listitem", { name: "Pairing session" });
  await expect(pairing).toBeVisible();
  expect(await eventTitlesOn(browser, "/acme/daniel")).toContain("Pairing session");

  // A duplicate URL name is refused with a message that says what to do.
  await page.getByRole("button", { name: "New event type" }).click();
  const dup = page.getByRole("form", { name: "New event type" });
  await dup.getByLabel("Title").fill("Pairing session");
  await dup.getByRole("button", { name: "Create event type" }).click();
  await expect(dup.getByRole("alert")).toHaveText("You already have an event type at the URL name “pairing-session”. Choose another one.");
  await dup.getByRole("button", { name: "Cancel" }).click();

  await pairing.getByRole("switch", { name: "Pairing session bookable" }).click();
  await expect(pairing.getByRole("switch", { name: "Pairing session bookable" })).toHaveAttribute("aria-checked", "false");
  await expect(pairing.getByText("Not bookable")).toBeVisible();
  expect(await eventTitlesOn(browser, "/acme/daniel")).not.toContain("Pairing session");

  const hours = page.getByRole("form", { name: "Working hours" });
  await hours.getByLabel("Time zone").fill("Europe/Berlin");
  await hours.getByRole("checkbox", { name: "Friday" }).uncheck();
  // An unchecked day's times cannot be edited; checking it again makes them editable.
  await expect(hours.getByLabel("Friday start")).toBeDisabled();
  await expect(hours.getByLabel("Saturday end")).toBeDisabled();
  await expect(hours.getByLabel("Monday start")).toBeEnabled();
  await hours.getByLabel("Monday start").fill("08:00");
  await hours.getByRole("button", { name: "Save working hours" }).click();
  await expect(hours.getByRole("status")).toHaveText("Saved. Your booking pages use these hours now.");
  const sql = e2eSql();
  const rules = await sql<{ weekday: number; start_minute: number }[]>`
    select r.weekday, r.start_minute from availability_rules r join memberships m on m.id = r.membership_id
    join users u on u.id = m.user_id where u.email = ${DANIEL} order by r.weekday`;
  const [user] = await sql<{ time_zone: string }[]>`select time_zone from users where email = ${DANIEL}`;
  await sql.end();
  expect(rules.map((r) => [r.weekday, r.start_minute])).toEqual([
    [1, 480],
    [2, 540],
    [3, 540],
    [4, 540],
  ]);
  expect(user!.time_zone).toBe("Europe/Berlin");
  await screenshot(page, "my-event-types");

  // The server decides, whatever the page shows: a member cannot define managed events, nor touch a locked copy.
  const sqlIds = e2eSql();
  const [copy] = await sqlIds<{ id: string }[]>`
    select e.id from event_types e join users u on u.id = e.user_id where u.email = ${DANIEL} and e.managed_event_type_id is not null`;
  await sqlIds.end();
  const calls = await page.evaluate(async (copyId) => {
    const send = async (url: string, method: string, body?: unknown) => {
      const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
      return [res.status, ((await res.json()) as { error?: { message: string } }).error?.message ?? null] as const;
    };
    return [
      await send("/api/admin/managed-events", "POST", { title: "Sneaky", durationMinutes: 30, assignment: { kind: "all" } }),
      await send(`/api/me/event-types/${copyId}`, "PATCH", { title: "Mine now" }),
    ];
  }, copy!.id);
  expect(calls).toEqual([
    [403, "Only owners and admins of the organisation can do this."],
    [403, "This event type is managed by your organisation's admins: only they can change or remove it."],
  ]);

  await pairing.getByRole("button", { name: "Delete" }).click();
  await pairing.getByRole("button", { name: "Delete event type" }).click();
  await expect(page.getByRole("listitem", { name: "Pairing session" })).toHaveCount(0);
});

test("without a session the member routes answer 401 and change nothing", async ({ request, baseURL }) => {
  const res = await request.post("/api/me/event-types", { data: { title: "Anon", durationMinutes: 30 }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(401);
  const sql = e2eSql();
  expect(await sql`select 1 from event_types where title = 'Anon'`).toHaveLength(0);
  await sql.end();
});

test("deleting the managed event removes every copy", async ({ browser }) => {
  const admin = await signedIn(browser, OWNER);
  await admin.goto("/admin/events");
  const card = admin.getByRole("article", { name: "Customer kickoff" });
  await card.getByRole("button", { name: "Delete" }).click();
  await expect(card.getByRole("alertdialog")).toContainText("It leaves 5 booking pages");
  await card.getByRole("button", { name: "Delete managed event" }).click();
  await expect(admin.getByText("No managed event types yet")).toBeVisible();
  expect(await copies("Customer kickoff")).toBe(0);
  expect(await eventTitlesOn(browser, "/acme/daniel")).not.toContain("Customer kickoff");
});
