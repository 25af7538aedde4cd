import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { screenshot } from "./support/screenshots";
import { disconnectDemoIdp, pageAlert, rosterCli } from "./support/sso";

/**
 * Issue 19's audit acceptance on the production build: on an organisation of
 * its own (SSO through the demo IdP, connected here and removed at the end, so
 * the demo IdP is free for the specs that follow), an IdP named "Okta"
 * provisions, deactivates and deletes a
 * person over SCIM; the owner comes in by the break-glass email link; a
 * deactivated member is refused at SSO. All of it is in the audit trail in
 * plain words, the deleted person is found by name, and the CSV export says
 * the same.
 */
test.describe.configure({ mode: "serial" });
// Several sign-ins and a SAML connection on a shared 2-core machine.
test.setTimeout(180_000);

const id = randomBytes(3).toString("hex");
let org: Awaited<ReturnType<typeof makeOrg>>;
let PERSON: { given: string; family: string; email: string };
let OWNER: string;

let ownerCtx: BrowserContext;
let owner: Page;
/** Whether this spec connected the demo IdP (and so must disconnect it). */
let connected = false;

test.beforeAll(async ({ browser }) => {
  org = await makeOrg({
    name: "Auditco",
    seats: 5,
    people: [
      { given: "Nora", family: "Walsh", state: "deactivated" },
      { given: "Ben", family: "Okafor", role: "admin" },
    ],
  });
  OWNER = org.owner;
  PERSON = { given: "Priya", family: "Shah", email: `priya-${id}@${org.domain}` };
  ownerCtx = await browser.newContext({ acceptDownloads: true });
  owner = await ownerCtx.newPage();
});
test.afterAll(async () => {
  // The demo IdP serves one organisation at a time: free it for the specs that follow.
  if (owner && connected) await disconnectDemoIdp(owner);
  await ownerCtx?.close();
});

test("an IdP lifecycle ending in DELETE, a break-glass sign-in and a refused sign-in are in the trail in plain words", async ({ page, request, browser }) => {
  // The operator turns SCIM on and issues the token the IdP ("Okta") uses.
  rosterCli("enable-scim", "--org", org.slug);
  const token = rosterCli("issue-token", "--org", org.slug, "--label", "Okta");
  const base = token.scimBaseUrl as string;
  const headers = { Authorization: `Bearer ${token.scimToken as string}`, "Content-Type": "application/scim+json" };
  const created = await request.post(`${base}/Users`, {
    headers,
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: PERSON.email,
      name: { givenName: PERSON.given, familyName: PERSON.family },
      emails: [{ value: PERSON.email, primary: true }],
      active: true,
    },
  });
  expect(created.status()).toBe(201);
  const userId = ((await created.json()) as { id: string }).id;
  const patch = (active: boolean) => ({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "replace", path: "active", value: active }],
  });
  // Without an Accept header Roster answers 204 (no representation asked for).
  expect((await request.patch(`${base}/Users/${userId}`, { headers, data: patch(false) })).status()).toBe(204);
  expect((await request.delete(`${base}/Users/${userId}`, { headers })).status()).toBe(204);

  // The owner (no SSO yet: a plain email-link sign-in) connects the demo IdP as the organisation's SAML IdP.
  const setupCtx = await browser.newContext();
  const setup = await setupCtx.newPage();
  await signInWithMagicLink(setup, OWNER);
  await setup.goto("/admin/security");
  await setup.getByLabel("Identity provider metadata (XML)").fill(await (await request.get("/dev/idp/metadata")).text());
  await setup.getByRole("button", { name: "Save connection" }).click();
  await expect(setup.getByText("Connected", { exact: true })).toBeVisible();
  connected = true;
  await setupCtx.close();

  // Nora is deactivated: the IdP vouches for her, Roster refuses her.
  // (She is not in the demo IdP's directory: it signs in any address typed in.)
  await page.goto("/login");
  await page.getByLabel("Work email").fill(org.people[0]!.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dev\/idp\/sso\?/);
  await page.getByLabel("Email address").fill(org.people[0]!.email);
  await page.getByRole("button", { name: "Sign in with this address" }).click();
  await expect(page).toHaveURL(/\/login\/refused\?reason=deactivated/);
  await expect(pageAlert(page)).toContainText("deactivated");

  // SSO is on now: the owner's email link is the break-glass way in.
  await signInWithMagicLink(owner, OWNER);
  await owner.goto("/admin/audit");
  const trail = owner.getByRole("table", { name: "Audit log" });
  const name = `${PERSON.given} ${PERSON.family}`;
  await expect(trail).toContainText(`Okta provisioned ${name}`);
  await expect(trail).toContainText(`Okta deactivated ${name}`);
  await expect(trail).toContainText(`Okta deleted ${name}`);
  await expect(trail).toContainText("Olive Owner used the break-glass email link (SSO bypassed)");
  await expect(trail).toContainText("Nora Walsh was refused sign-in with SSO: the account is deactivated");
  await expect(trail).toContainText("Olive Owner signed in with an email link");
  await expect(trail).toContainText(`${OWNER} set up single sign-on with`);
  await screenshot(owner, "audit-log");
});

test("the deleted person is found by name; filters narrow the trail; an empty result says what to do", async () => {
  await owner.goto("/admin/audit");
  await owner.getByLabel("Search by person").fill("priya sh");
  await owner.getByRole("button", { name: "Search" }).click();
  await expect(owner).toHaveURL(/q=priya/);
  const trail = owner.getByRole("table", { name: "Audit log" });
  await expect(trail.getByRole("row")).toHaveCount(1 + 3); // header + provisioned, deactivated, deleted
  await expect(trail.getByRole("row").nth(1)).toContainText("Okta deleted Priya Shah");
  await screenshot(owner, "audit-log-search-deleted");

  await owner.goto("/admin/audit?category=signin");
  await expect(owner.getByRole("table", { name: "Audit log" })).toContainText("break-glass");
  await expect(owner.getByRole("table", { name: "Audit log" })).not.toContainText("Okta");

  await owner.goto("/admin/audit?q=nobody-at-all");
  await expect(owner.getByText("No entries match these filters")).toBeVisible();
  await screenshot(owner, "audit-log-empty");
});

test("CSV export of the same: streamed, one line per entry, the same sentences", async () => {
  await owner.goto("/admin/audit?q=priya%20sh");
  const [download] = await Promise.all([owner.waitForEvent("download"), owner.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-${org.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  // A BOM first, so Excel reads the names as UTF-8 (trim() drops it from the lines).
  expect(csv.startsWith("\uFEFFtime_utc,")).toBe(true);
  expect(lines[0]).toBe("time_utc,sentence,action,actor_kind,actor,subject_name,subject_email,target,details");
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain('"Okta deleted Priya Shah","member.removed","scim","Okta","Priya Shah"');
  expect(csv).toContain(PERSON.email);
});

test("the owner sees and changes the retention; an admin only sees it", async ({ browser }) => {
  await owner.goto("/admin/audit");
  await expect(owner.getByLabel("Keep entries for")).toHaveValue("365");
  await owner.getByLabel("Keep entries for").selectOption("730");
  await owner.getByRole("button", { name: "Save" }).click();
  // Saved: the page refreshes with the change in the trail; a reload shows the stored setting.
  await expect(owner.getByRole("table", { name: "Audit log" })).toContainText("set the audit retention to 730 days");
  await owner.reload();
  await expect(owner.getByLabel("Keep entries for")).toHaveValue("730");
  await screenshot(owner, "audit-log-retention");

  const ctx = await browser.newContext();
  const ben = await ctx.newPage();
  await signInWithMagicLink(ben, org.people[1]!.email);
  await ben.goto("/admin/audit");
  await expect(ben.getByText("Only the owner can change this.")).toBeVisible();
  await expect(ben.getByLabel("Keep entries for")).toHaveCount(0);
  await ctx.close();
});
