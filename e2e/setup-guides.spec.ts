import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { screenshot } from "./support/screenshots";
import { disconnectDemoIdp, expectIdpNotice, expectMemberHome, rosterCli } from "./support/sso";

/**
 * Issue 16 part 1: each IdP's setup guide waits for the IdP's first request,
 * and turns, without a reload, when it arrives; the last step checks itself
 * off. An organisation per guide (made with the operator CLI, SCIM on), so
 * every panel starts from "waiting". The demo IdP sends the first request
 * under each IdP's persona (its User-Agent); Okta's is also sent directly,
 * with the user agent Okta's real client sends. Google Workspace has no SCIM:
 * its first request is a SAML response, sent by the demo IdP connected as the
 * organisation's SAML IdP.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

function scimOrg(name: string) {
  const id = randomBytes(3).toString("hex");
  const owner = `owner-${id}@${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`;
  const out = rosterCli("create-org", "--name", `${name} ${id}`, "--seats", "5", "--owner", owner, "--scim");
  return { owner, token: out.scimToken as string, domain: `${id}.example` };
}

const panel = (page: Page) => page.getByRole("status", { name: "First request" });
const lastStep = (page: Page) => page.getByTestId("first-request-step");

/** Opens the guide and checks it waits; marks the window so that a reload would be noticed. */
async function openWaitingGuide(page: Page, owner: string, idp: string, heading: string) {
  await signInWithMagicLink(page, owner);
  await page.goto(`/admin/security/setup/${idp}`);
  await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  await expect(lastStep(page)).toHaveAttribute("data-done", "false");
  await expect(panel(page)).toContainText(/Waiting for the first (request from your identity provider|sign-in)/);
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
}

async function expectTurned(page: Page, text: RegExp) {
  // Within a second or so of the request: the panel polls every 500 ms and the log row lands within milliseconds.
  await expect(panel(page)).toContainText(text, { timeout: 3_000 });
  await expect(lastStep(page)).toHaveAttribute("data-done", "true");
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}

test("Okta: the guide says what to paste, waits, and turns on Okta's first create", async ({ page, request }) => {
  const org = scimOrg("Oktaco");
  await openWaitingGuide(page, org.owner, "okta", "Set up Okta");
  await expect(page.getByLabel("SCIM connector base URL", { exact: true })).toHaveValue(/\/api\/scim\/v2$/);
  await expect(page.getByLabel("Single sign-on URL", { exact: true })).toHaveValue(/\/api\/oauth\/saml$/);
  await expect(page.getByLabel("Authentication Mode", { exact: true })).toHaveValue("HTTP Header");
  await expect(page.getByLabel("Unique identifier field for users", { exact: true })).toHaveValue("userName");
  await expect(page.getByRole("button", { name: "Copy SCIM connector base URL" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Provisioning features to switch on" })).toContainText("Push Groups");
  await screenshot(page, "setup-guide-okta-waiting");

  // Okta's real client, as ../shared/scim/idp-requests.json records it.
  const res = await request.post("/api/scim/v2/Users", {
    headers: { Authorization: `Bearer ${org.token}`, "Content-Type": "application/scim+json", "User-Agent": "Okta SCIM Client 1.0.0" },
    data: { schemas: [USER], userName: `ana.ruiz@${org.domain}`, name: { givenName: "Ana", familyName: "Ruiz" }, emails: [{ value: `ana.ruiz@${org.domain}`, primary: true }], active: true },
  });
  expect(res.status()).toBe(201);
  await expectTurned(page, /Okta · created Ana Ruiz · \d\d:\d\d/);
  await screenshot(page, "setup-guide-okta-turned");
});

for (const [idp, heading, persona, turned] of [
  ["okta", "Set up Okta", "Okta", /Okta · read Roster's settings/],
  ["entra", "Set up Microsoft Entra ID", "Microsoft Entra ID", /Microsoft Entra ID · read Roster's settings/],
  ["onelogin", "Set up OneLogin", "OneLogin", /OneLogin · read Roster's settings/],
  ["jumpcloud", "Set up JumpCloud", "JumpCloud", /JumpCloud · read Roster's settings/],
  ["scim", "Set up Another SCIM 2.0 client", "Another SCIM 2.0 client", /Another SCIM 2\.0 client · read Roster's settings/],
] as const) {
  test(`${persona}: the panel turns when the demo IdP, as ${persona}, sends its first request`, async ({ page, context }) => {
    const org = scimOrg(persona.replace(/\W+/g, ""));
    await openWaitingGuide(page, org.owner, idp, heading);
    if (idp === "entra") {
      await expect(page.getByLabel("Tenant URL", { exact: true })).toHaveValue(/\/api\/scim\/v2\?aadOptscim062020$/);
      await screenshot(page, "setup-guide-entra-waiting");
    }
    // The IdP admin pastes the token into the demo IdP, as this IdP, and tests the connection.
    const idpPage = await context.newPage();
    await idpPage.goto("/dev/idp");
    await idpPage.getByLabel("Bearer token").fill(org.token);
    await idpPage.getByLabel("Send requests as").selectOption({ label: persona });
    await idpPage.getByRole("button", { name: "Save and test" }).click();
    await expectIdpNotice(idpPage, "Roster accepted the token");
    await idpPage.close();
    await expectTurned(page, turned);
    if (idp === "entra") await screenshot(page, "setup-guide-entra-turned");
  });
}

test("Google Workspace: SAML only, said plainly; the panel turns at the first SAML sign-in", async ({ page, browser, request }) => {
  const org = await makeOrg({ name: "Googleco", seats: 5, people: [{ given: "Gia", family: "Lopez", state: "invited" }] });
  await openWaitingGuide(page, org.owner, "google", "Set up Google Workspace");
  await expect(page.getByTestId("no-scim")).toContainText("Google Workspace does not provision custom SAML apps over SCIM");
  await expect(page.getByLabel("SCIM base URL", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("ACS URL", { exact: true })).toHaveValue(/\/api\/oauth\/saml$/);
  await expect(panel(page)).toContainText("Waiting for the first sign-in");
  await screenshot(page, "setup-guide-google-waiting");

  // The admin adds the custom SAML app in the IdP (the demo IdP plays Google Workspace) and pastes its metadata into Roster.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signInWithMagicLink(admin, org.owner);
  await admin.goto("/admin/security");
  await admin.getByLabel("Identity provider metadata (XML)").fill(await (await request.get("/dev/idp/metadata")).text());
  await admin.getByRole("button", { name: "Save connection" }).click();
  await expect(admin.getByText("Connected", { exact: true })).toBeVisible();
  try {
    // The guide still waits: saving a connection is not a request from the IdP.
    await expect(panel(page)).toContainText("Waiting for the first sign-in");

    // Gia accepts her invitation; Roster sends her to the IdP, whose SAML response signs her in.
    const gia = await browser.newContext();
    const giaPage = await gia.newPage();
    // makeOrg wrote the email in this process, whose APP_URL is not the server's: open the link's path on the server under test.
    const to = org.people[0]!.email;
    await expect
      .poll(async () => {
        await giaPage.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
        return giaPage.getByTestId("mail-to").textContent().catch(() => null);
      })
      .toBe(to);
    const href = await giaPage.getByRole("link", { name: /^Open link:/ }).filter({ hasText: "invitations" }).first().getAttribute("href");
    const link = new URL(href!);
    await giaPage.goto(`${link.pathname}${link.search}`);
    await giaPage.getByRole("button", { name: "Accept invitation" }).click();
    await expect(giaPage).toHaveURL(/\/dev\/idp\/sso\?/);
    // Gia is not in the demo IdP's SCIM directory (Google has no SCIM here): it vouches for the address typed in.
    await giaPage.getByLabel("Email address").fill(to);
    await giaPage.getByRole("button", { name: "Sign in with this address" }).click();
    await expectMemberHome(giaPage, "Gia Lopez");
    await gia.close();
    await expectTurned(page, /Gia Lopez signed in with SSO · \d\d:\d\d/);
    await expect(panel(page)).toContainText("Single sign-on works.");
    // The rest of the guide follows without a reload: the SSO section now says what is true.
    await expect(page.getByText("Connected", { exact: true })).toBeVisible();
    await screenshot(page, "setup-guide-google-turned");
  } finally {
    // The demo IdP serves one organisation at a time: free it for the specs that follow.
    await disconnectDemoIdp(admin);
    await adminCtx.close();
  }
});

test("the Security page links every guide", async ({ page }) => {
  const org = scimOrg("Pickerco");
  await signInWithMagicLink(page, org.owner);
  await page.goto("/admin/security");
  const picker = page.getByRole("navigation", { name: "Identity provider" });
  for (const name of ["Okta", "Microsoft Entra ID", "OneLogin", "JumpCloud", "Google Workspace", "Another SCIM 2.0 client"]) {
    await expect(picker.getByRole("link", { name })).toBeVisible();
  }
  await picker.getByRole("link", { name: "JumpCloud" }).click();
  await expect(page).toHaveURL(/\/admin\/security\/setup\/jumpcloud$/);
  await expect(page.getByRole("navigation", { name: "Identity provider" }).getByRole("link", { name: "JumpCloud" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Identity Management", { exact: true }).first()).toBeVisible();
});
