import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { callApi, makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { screenshot } from "./support/screenshots";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

function scim(request: APIRequestContext, token: string) {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" };
  return {
    list: () => request.get("/api/scim/v2/Users?count=1", { headers }),
    create: (userName: string, given: string, family: string) =>
      request.post("/api/scim/v2/Users", {
        headers,
        data: { schemas: [USER], userName, name: { givenName: given, familyName: family }, emails: [{ value: userName, primary: true }], active: true },
      }),
  };
}

/** Turns SCIM on from the Security page and returns the token it shows once. */
async function enableScim(page: Page, lifetime: string): Promise<string> {
  await page.goto("/admin/security");
  await page.getByLabel("Token expires after").selectOption(lifetime);
  await page.getByRole("button", { name: "Enable SCIM provisioning" }).click();
  const token = (await page.getByTestId("new-scim-token").textContent())!.trim();
  expect(token).toMatch(/^scim_/);
  return token;
}

test("SCIM on: the token is shown once, works against /api/scim/v2, passes Test connection, and stops working once revoked", async ({ page, request }) => {
  const org = await makeOrg({ name: "Scimco", seats: 5 });
  await signInWithMagicLink(page, org.owner);
  await page.goto("/admin/security");
  // No SSO yet: the rule in lib/policy.ts (scimEnableBlocker) says why, and the server refuses too.
  await expect(page.getByText("SCIM cannot be turned on yet")).toBeVisible();
  await expect(page.getByText(/Set up single sign-on \(SAML\) first/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable SCIM provisioning" })).toBeDisabled();
  const early = await callApi(page, "POST", "/api/admin/scim", { enabled: true, expiresInDays: 30 });
  expect(early.status).toBe(403);
  await screenshot(page, "security-scim-needs-sso");

  const sql = e2eSql();
  await sql`update organisations set sso_configured_at = now() where id = ${org.id}`;
  const token = await enableScim(page, "30");
  await expect(page.getByText("Copy the token now: it will not be shown again")).toBeVisible();
  await screenshot(page, "security-scim-token");
  expect((await scim(request, token).list()).status()).toBe(200);

  await page.getByRole("button", { name: "I’ve copied the token" }).click();
  await expect(page.getByTestId("new-scim-token")).toHaveCount(0); // gone for good: only the prefix remains
  const tokens = page.getByRole("table", { name: "SCIM tokens" });
  const row = tokens.getByRole("row", { name: new RegExp(token.slice(0, 11)) });
  await expect(row).toContainText("Active");
  const [stored] = await sql<{ expires: number }[]>`
    select round(extract(epoch from expires_at - created_at) / 86400)::int as expires from scim_tokens where org_id = ${org.id}`;
  expect(stored!.expires).toBe(30);

  await page.getByLabel("Token to test").fill(token);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection works" })).toContainText("accepted the token");
  await screenshot(page, "security-scim");
  await page.getByLabel("Token to test").fill("scim_not-a-real-token");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection failed" })).toContainText("The token was refused (401)");

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: /Revoke the token/ }).getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  expect((await scim(request, token).list()).status()).toBe(401);
  await page.getByLabel("Token to test").fill(token);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection failed" })).toContainText("revoked");

  const actions = await sql<{ action: string }[]>`select action from audit_log where org_id = ${org.id} order by id`;
  expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["scim.enabled", "scim.token_created", "scim.token_revoked"]));
  await sql.end();
});

test("SCIM creates and a seat refusal in the provisioning log and on Users; removal is the IdP's while SCIM is on", async ({ page, request }) => {
  const org = await makeOrg({ name: "Provco", seats: 2, ssoConfigured: true, people: [{ given: "Pat", family: "Present" }] });
  const [pat] = org.people as [(typeof org.people)[0]];
  await signInWithMagicLink(page, org.owner);
  const token = await enableScim(page, "90");
  await page.getByRole("button", { name: "I’ve copied the token" }).click();
  const idp = scim(request, token);

  // Both seats are held: the IdP's create is refused with a detail that says what to do.
  const hire = `new.hire@${org.domain}`;
  const refused = await idp.create(hire, "Nina", "Hire");
  expect(refused.status()).toBe(403);
  const detail = ((await refused.json()) as { detail: string }).detail;
  expect(detail).toMatch(/^No seats available in Provco .*: 2 of 2 in use\. Add seats on the Billing page/);

  await page.goto("/admin/users");
  const banner = page.getByRole("alert").filter({ hasText: "Your identity provider could not add 1 person" });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("list", { name: "People refused for lack of seats" })).toContainText(hire);
  await screenshot(page, "users-seat-refusal");

  // The provisioning log has it, with the detail the IdP got.
  await banner.getByRole("link", { name: "Provisioning log" }).click();
  await expect(page).toHaveURL(/\/admin\/security\/provisioning\?outcome=failure/);
  const refusedRow = page.getByRole("row", { name: new RegExp(hire.replace(/\./g, "\\.")) });
  await expect(refusedRow).toContainText("403");
  await expect(refusedRow).toContainText(detail);
  // The response's X-Request-Id, which finds the server's log line.
  await expect(refusedRow).toContainText(/Request ID: [0-9a-f-]{36}/);
  await screenshot(page, "provisioning-log");

  // Add a seat (the banner's link opens the form asking for the one seat needed), confirm, the IdP retries, the banner clears.
  await page.goto("/admin/users");
  await page.getByRole("alert").filter({ hasText: "could not add" }).getByRole("link", { name: "Add 1 seat" }).click();
  await expect(page.getByLabel("Seats to add")).toHaveValue("1");
  await page.getByRole("button", { name: "Review: add 1 seat…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /^Add 1 seat · pay/ }).click();
  await expect(page.getByRole("status")).toContainText("you now have 3");
  const created = await idp.create(hire, "Nina", "Hire");
  expect(created.status()).toBe(201);
  const { id: hireId } = (await created.json()) as { id: string };

  await page.goto("/admin/users");
  await expect(page.getByText("could not add")).toHaveCount(0);
  await expect(page.getByTestId("seat-summary")).toHaveText("3 of 3 seats used");
  const hireRow = page.getByRole("row", { name: /Nina Hire/ });
  await expect(hireRow).toContainText("IdP");
  await expect(hireRow).toContainText("Invited");

  // SCIM on: removal and invitations belong to the IdP, in the page and on the server.
  await expect(page.getByText("Managed by your identity provider").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite user" })).toBeDisabled();
  const patRow = page.getByRole("row", { name: /Pat Present/ });
  // Pat was invited in Roster, not by the IdP: the row says removal goes through the IdP (the menu says how).
  await expect(patRow).toContainText("Remove through your IdP");
  await patRow.getByRole("button", { name: "Actions" }).click();
  await expect(page.getByRole("menuitem", { name: "Remove" })).toBeDisabled();
  await expect(page.getByRole("menuitem", { name: "Deactivate" })).toBeDisabled();
  await expect(page.getByRole("menu")).toContainText("Assign Pat Present to Roster in your IdP, then unassign them there; or turn SCIM off on the Security page.");
  await screenshot(page, "users-scim-on");
  await page.keyboard.press("Escape");
  // Invitations are not the IdP's: resending one is still offered.
  await hireRow.getByRole("button", { name: "Actions" }).click();
  await expect(page.getByRole("menuitem", { name: "Resend invitation" })).toBeEnabled();
  await page.keyboard.press("Escape");
  for (const [method, url, body] of [
    ["DELETE", `/api/admin/members/${pat.id}`, undefined],
    ["POST", `/api/admin/members/${pat.id}/active`, { active: false }],
    ["POST", "/api/admin/members", { email: `walk.in@${org.domain}` }],
  ] as const) {
    const r = await callApi(page, method, url, body);
    expect(r.status, `${method} ${url}`).toBe(403);
    expect(r.body.error?.code).toBe("scim_managed");
    expect(r.body.error?.message).toMatch(/managed by your identity provider/);
  }
  const sql = e2eSql();
  const [still] = await sql<{ state: string }[]>`select state from memberships where id = ${pat.id}`;
  expect(still?.state).toBe("active");

  // The member's page has their provisioning timeline: the refusal, then the create.
  await hireRow.getByRole("link", { name: "Nina Hire" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${hireId}$`));
  const timeline = page.getByRole("table", { name: "Provisioning log" });
  await expect(timeline.getByRole("row")).toHaveCount(3); // header, 201, 403
  await expect(timeline.getByRole("row").nth(1)).toContainText("201");
  await expect(timeline.getByRole("row").nth(2)).toContainText("No seats available");
  await screenshot(page, "user-detail");

  // A group the IdP pushes is read-only here while SCIM is on: badge, disabled actions, refused by the server.
  const pushed = await request.post("/api/scim/v2/Groups", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
    data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Field Sales", members: [{ value: hireId }] },
  });
  expect(pushed.status()).toBe(201);
  const { id: groupId } = (await pushed.json()) as { id: string };
  await page.goto("/admin/groups");
  const groupRow = page.getByRole("row", { name: /Field Sales/ });
  await expect(groupRow).toContainText("Managed by IdP");
  await expect(groupRow.getByRole("button", { name: "Rename" })).toBeDisabled();
  await expect(groupRow.getByRole("button", { name: "Delete" })).toBeDisabled();
  await screenshot(page, "groups-scim-on");
  const rename = await callApi(page, "PATCH", `/api/admin/groups/${groupId}`, { displayName: "Renamed here" });
  expect(rename.status).toBe(403);
  expect(rename.body.error?.code).toBe("scim_managed");
  await groupRow.getByRole("link", { name: "Field Sales" }).click();
  await expect(page.getByText("Read-only: managed by your identity provider")).toBeVisible();
  await expect(page.getByLabel("Add a member by email")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Nina Hire/ }).getByRole("button", { name: "Remove from group" })).toBeDisabled();

  // Turning SCIM off stops the IdP at once.
  await page.goto("/admin/security");
  await page.getByRole("button", { name: "Turn off SCIM" }).click();
  await page.getByRole("dialog", { name: "Turn off SCIM provisioning?" }).getByRole("button", { name: "Turn off SCIM" }).click();
  await expect(page.getByRole("button", { name: "Enable SCIM provisioning" })).toBeVisible();
  expect((await idp.list()).status()).toBe(403);
  await sql.end();
});
