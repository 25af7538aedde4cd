import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { followEmailLink } from "./support/mailbox";
import { screenshot } from "./support/screenshots";
import { expectIdpNotice, expectMemberHome, pageAlert, pickAtIdp, rosterCli, signInWithSso } from "./support/sso";

/**
 * Issue 4's acceptance, on the production build and PostgreSQL, with a real
 * SAML round trip through the demo IdP: an organisation of its own (made with
 * the operator CLI, SCIM on) connects the demo IdP on its Security page; the
 * IdP's directory provisions a person over SCIM; the invitation email is
 * accepted; the IdP signs them in; deactivation over SCIM ends the session and
 * refuses the next sign-in; reactivation lets them in again. At the end the
 * connection is removed, so the demo IdP is free for whoever comes next.
 */
test.describe.configure({ mode: "serial" });

const id = randomBytes(3).toString("hex");
const ORG = `Initech ${id}`;
const OWNER = `it-${id}@initech.example`;
const PERSON = { given: "Quinn", family: "Harper", email: `quinn-${id}@initech.example` };
const PERSON_NAME = `${PERSON.given} ${PERSON.family}`;

let org: { id: string; slug: string; scimToken: string };
let ownerCtx: BrowserContext;
let owner: Page;
let quinnCtx: BrowserContext;
let quinn: Page;

test.beforeAll(async ({ browser }) => {
  const out = rosterCli("create-org", "--name", ORG, "--seats", "5", "--owner", OWNER, "--scim");
  org = { id: out.id as string, slug: out.slug as string, scimToken: out.scimToken as string };
  ownerCtx = await browser.newContext();
  owner = await ownerCtx.newPage();
  quinnCtx = await browser.newContext();
  quinn = await quinnCtx.newPage();
});
test.afterAll(async () => {
  await ownerCtx?.close();
  await quinnCtx?.close();
});

const sql = () => e2eSql();

test("the owner connects the demo IdP from the Security page (bad metadata first)", async ({ request }) => {
  await signInWithMagicLink(owner, OWNER);
  await owner.goto("/admin/security");
  await expect(owner.getByText("Not configured")).toBeVisible();
  await expect(owner.getByLabel("ACS URL", { exact: true })).toHaveValue(/\/api\/oauth\/saml$/);
  await screenshot(owner, "sso-settings-empty");

  await owner.getByLabel("Identity provider metadata (XML)").fill("<html><body>Okta sign-in</body></html>");
  await owner.getByRole("button", { name: "Save connection" }).click();
  await expect(pageAlert(owner)).toContainText("No <EntityDescriptor> found");

  const metadata = await (await request.get("/dev/idp/metadata")).text();
  await owner.getByLabel("Identity provider metadata (XML)").fill(metadata);
  await owner.getByRole("button", { name: "Save connection" }).click();
  await expect(owner.getByText("Connected", { exact: true })).toBeVisible();
  await expect(owner.getByTestId("idp-entity-id")).toHaveText(/\/dev\/idp$/);
  await expect(owner.getByLabel("Allow IdP-initiated sign-in")).not.toBeChecked();
  await screenshot(owner, "sso-settings");

  const db = sql();
  const [row] = await db<{ at: Date | null; audit: number }[]>`
    select o.sso_configured_at as at, (select count(*)::int from audit_log a where a.org_id = o.id and a.action = 'sso.configured') as audit
    from organisations o where o.id = ${org.id}`;
  await db.end();
  expect(row!.at).not.toBeNull();
  expect(row!.audit).toBe(1);

  // Roster's own SAML details are served for the IdP to import.
  const sp = await request.get("/.well-known/sp-metadata");
  expect(await sp.text()).toContain("/api/oauth/saml");
  expect(await (await request.get("/.well-known/saml.cer")).text()).toContain("BEGIN CERTIFICATE");
});

test("the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
  await screenshot(page, "sign-in");
});

test("SCIM → invitation → accept → IdP → active member; deactivate → refused; reactivate → back", async () => {
  // The IdP admin pastes the token and adds a person: the directory provisions them over SCIM.
  await owner.goto("/dev/idp");
  await owner.getByLabel("Bearer token").fill(org.scimToken);
  await owner.getByRole("button", { name: "Save and test" }).click();
  await expectIdpNotice(owner, "Roster accepted the token");
  const add = owner.getByRole("form", { name: "Add a person" });
  await add.getByLabel("Given name").fill(PERSON.given);
  await add.getByLabel("Family name").fill(PERSON.family);
  await add.getByLabel("Email (userName)").fill(PERSON.email);
  await add.getByRole("button", { name: "Add person" }).click();
  await expectIdpNotice(owner, "provisioned them in Roster");
  await expect(owner.getByRole("list", { name: "SCIM requests" }).getByText("/Users", { exact: true }).first()).toBeVisible();
  await expect(owner.getByTestId("scim-status").first()).toHaveText("201");

  // The invitation email → the invitation page → Accept → the IdP → Roster, active.
  await followEmailLink(quinn, PERSON.email, "/invitations");
  await expect(quinn.getByRole("heading", { name: `Join ${ORG} on Roster` })).toBeVisible();
  await expect(quinn.getByText(`${ORG}’s identity provider invited ${PERSON_NAME}`)).toBeVisible();
  await screenshot(quinn, "invitation");
  const invitationUrl = quinn.url();
  await quinn.getByRole("button", { name: "Accept invitation" }).click();
  await expect(quinn).toHaveURL(/\/dev\/idp\/sso\?/);
  await pickAtIdp(quinn, PERSON_NAME);
  await expectMemberHome(quinn, PERSON_NAME);

  // The Users page: the seat the invitation reserved is now filled.
  await owner.goto("/admin/users");
  await expect(owner.getByTestId("seat-summary")).toHaveText("2 of 5 seats used");
  await expect(owner.getByText("No pending invitations")).toBeVisible();
  await expect(owner.getByRole("row", { name: new RegExp(PERSON_NAME) }).getByText("Active")).toBeVisible();

  // The link is single-use.
  await quinn.goto(invitationUrl);
  await expect(quinn.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();

  // SCIM active:false → the open session is refused at its next page load, and a new sign-in is refused.
  await owner.goto("/dev/idp");
  await owner.getByRole("button", { name: `Suspend ${PERSON.email}` }).click();
  await expectIdpNotice(owner, "sent active: false to Roster");
  await quinn.goto("/");
  await expect(quinn).toHaveURL(/\/login$/);
  await signInWithSso(quinn, PERSON.email, PERSON_NAME);
  await expect(quinn).toHaveURL(/\/login\/refused\?reason=deactivated/);
  await expect(pageAlert(quinn)).toHaveText(`Your account in ${ORG} is deactivated. Contact your administrator.`);
  await screenshot(quinn, "sign-in-refused");
  const db = sql();
  const [sessions] = await db<{ n: number }[]>`
    select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${PERSON.email}`;
  expect(sessions!.n).toBe(0);

  // SCIM active:true → signing in works again.
  await owner.goto("/dev/idp");
  await owner.getByRole("button", { name: `Reactivate ${PERSON.email}` }).click();
  await expectIdpNotice(owner, "sent active: true to Roster");
  await signInWithSso(quinn, PERSON.email, PERSON_NAME);
  await expectMemberHome(quinn, PERSON_NAME);
  const [member] = await db<{ state: string; role: string }[]>`
    select m.state, m.role from memberships m join users u on u.id = m.user_id where u.email = ${PERSON.email}`;
  await db.end();
  expect(member).toEqual({ state: "active", role: "user" });
});

test("IdP-initiated sign-in is refused until the admin allows it", async () => {
  await quinnCtx.clearCookies();
  await quinn.goto("/dev/idp");
  await quinn.getByRole("button", { name: `Open Roster as ${PERSON.email}` }).click();
  await expect(quinn).toHaveURL(/\/login\/refused\?reason=saml&code=unsolicited/);
  await expect(pageAlert(quinn)).toContainText("does not allow IdP-initiated sign-in");

  await owner.goto("/admin/security");
  await owner.getByLabel("Allow IdP-initiated sign-in").check();
  await expect(owner.getByLabel("Allow IdP-initiated sign-in")).toBeEnabled();
  await owner.reload();
  await expect(owner.getByLabel("Allow IdP-initiated sign-in")).toBeChecked();
  await quinn.goto("/dev/idp");
  await quinn.getByRole("button", { name: `Open Roster as ${PERSON.email}` }).click();
  await expectMemberHome(quinn, PERSON_NAME);
});

test("every state of an invitation link has its own page", async () => {
  const db = sql();
  await quinn.goto("/invitations/not-a-real-token");
  await expect(quinn.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();

  // Two more people from the IdP: one invitation expires, one is withdrawn.
  await owner.goto("/dev/idp");
  for (const who of ["rosa", "sam"]) {
    const add = owner.getByRole("form", { name: "Add a person" });
    await add.getByLabel("Given name").fill(who[0]!.toUpperCase() + who.slice(1));
    await add.getByLabel("Family name").fill("Tester");
    await add.getByLabel("Email (userName)").fill(`${who}-${id}@initech.example`);
    await add.getByRole("button", { name: "Add person" }).click();
    await expectIdpNotice(owner, "provisioned them in Roster");
  }
  // Quinn is signed in: someone else's valid invitation says so.
  await followEmailLink(quinn, `rosa-${id}@initech.example`, "/invitations");
  await expect(quinn.getByRole("heading", { name: "This invitation is for someone else" })).toBeVisible();
  await screenshot(quinn, "invitation-wrong-person");
  const rosaUrl = quinn.url();

  await db`update invitations set expires_at = now() - interval '1 day'
    where membership_id = (select m.id from memberships m join users u on u.id = m.user_id where u.email = ${`rosa-${id}@initech.example`})`;
  await quinnCtx.clearCookies();
  await quinn.goto(rosaUrl);
  await expect(quinn.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await screenshot(quinn, "invitation-expired");

  await db`update invitations set revoked_at = now()
    where membership_id = (select m.id from memberships m join users u on u.id = m.user_id where u.email = ${`sam-${id}@initech.example`})`;
  await followEmailLink(quinn, `sam-${id}@initech.example`, "/invitations");
  await expect(quinn.getByRole("heading", { name: "This invitation was replaced" })).toBeVisible();
  await db.end();
});

test("someone the IdP vouches for but Roster does not know is refused, with no account created", async () => {
  await quinnCtx.clearCookies();
  const stranger = `stranger-${id}@initech.example`;
  await quinn.goto("/login");
  await quinn.getByLabel("Work email").fill(PERSON.email);
  await quinn.getByRole("button", { name: "Continue" }).click();
  await expect(quinn).toHaveURL(/\/dev\/idp\/sso\?/);
  await quinn.getByLabel("Email address").fill(stranger);
  await quinn.getByRole("button", { name: "Sign in with this address" }).click();
  await expect(quinn).toHaveURL(/\/login\/refused\?reason=unknown/);
  await expect(pageAlert(quinn)).toContainText("there is no Roster account for your address");
  const db = sql();
  const [n] = await db<{ n: number }[]>`select count(*)::int as n from users where lower(email) = ${stranger}`;
  await db.end();
  expect(n!.n).toBe(0);
});

test("removing the connection asks first, is audited, and frees the demo IdP", async () => {
  await owner.goto("/admin/security");
  await owner.getByRole("button", { name: "Remove connection" }).click();
  await expect(owner.getByRole("alertdialog")).toContainText(`Remove ${ORG}’s SAML connection?`);
  await owner.getByRole("button", { name: "Yes, remove connection" }).click();
  await expect(owner.getByText("Not configured")).toBeVisible();
  const db = sql();
  const actions = await db<{ action: string }[]>`
    select action from audit_log where org_id = ${org.id} and action like 'sso.%' order by id`;
  const [o] = await db<{ at: Date | null }[]>`select sso_configured_at as at from organisations where id = ${org.id}`;
  await db.end();
  expect(actions.map((a) => a.action)).toEqual(["sso.configured", "sso.idp_initiated_on", "sso.removed"]);
  expect(o!.at).toBeNull();
  await owner.goto("/dev/idp");
  await expect(owner.getByTestId("idp-connected-org")).toContainText("None yet");
});

test("without SSO, accepting an invitation signs the person in at once", async ({ page }) => {
  // The connection is gone (previous test); the IdP's SCIM provisioning still works.
  const uma = `uma-${id}@initech.example`;
  await owner.goto("/dev/idp");
  const add = owner.getByRole("form", { name: "Add a person" });
  await add.getByLabel("Given name").fill("Uma");
  await add.getByLabel("Family name").fill("Tester");
  await add.getByLabel("Email (userName)").fill(uma);
  await add.getByRole("button", { name: "Add person" }).click();
  await expectIdpNotice(owner, "provisioned them in Roster");
  await followEmailLink(page, uma, "/invitations");
  await expect(page.getByText("Accepting signs you in to Roster right away.")).toBeVisible();
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expectMemberHome(page, "Uma Tester");
});
