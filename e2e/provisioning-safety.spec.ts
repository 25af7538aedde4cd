import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { e2eSql } from "./support/db";
import { screenshot } from "./support/screenshots";

/**
 * Issue 16 parts 2 and 3 through the real pages: the seat waiting list, from
 * a refused create to "Add the person waiting" and the IdP's own retry; the
 * mass-deprovisioning guard, from the held 6th deactivation to Allow.
 */

// Forty people provisioned one by one over HTTP, on a machine shared with other suites: more than the default minute.
test.describe.configure({ timeout: 240_000 });

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

function idp(request: APIRequestContext, token: string) {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" };
  const user = (userName: string, given: string, family: string, externalId?: string) => ({
    schemas: [USER],
    userName,
    ...(externalId ? { externalId } : {}),
    name: { givenName: given, familyName: family },
    emails: [{ value: userName, primary: true }],
    active: true,
  });
  return {
    create: (userName: string, given: string, family: string, externalId?: string) =>
      request.post("/api/scim/v2/Users", { headers, data: user(userName, given, family, externalId) }),
    lookup: (userName: string) => request.get(`/api/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers }),
    deactivate: (id: string) =>
      request.patch(`/api/scim/v2/Users/${id}`, { headers, data: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] } }),
  };
}

async function enableScim(page: Page): Promise<string> {
  await page.goto("/admin/security");
  await page.getByLabel("Token expires after").selectOption("90");
  await page.getByRole("button", { name: "Enable SCIM provisioning" }).click();
  const token = (await page.getByTestId("new-scim-token").textContent())!.trim();
  await page.getByRole("button", { name: "I’ve copied the token" }).click();
  return token;
}

test("the waiting list fills on a refused create and empties through Add seats + Add the person waiting; the IdP's retry links to the same member", async ({
  page,
  request,
}) => {
  const org = await makeOrg({ name: "Waitco", seats: 1, ssoConfigured: true });
  await signInWithMagicLink(page, org.owner);
  const scim = idp(request, await enableScim(page));
  const hire = `ana.ruiz@${org.domain}`;
  const refused = await scim.create(hire, "Ana", "Ruiz", "00u-ana");
  expect(refused.status()).toBe(403);

  await page.goto("/admin/users");
  const banner = page.getByRole("alert").filter({ hasText: "Your identity provider could not add 1 person" });
  await expect(banner.getByRole("list", { name: "People refused for lack of seats" })).toContainText(hire);
  await expect(banner).toContainText("No seat is free for the 1 person waiting. Add 1 seat");
  await screenshot(page, "users-waiting-list");

  await banner.getByRole("link", { name: "Add 1 seat" }).click();
  await expect(page).toHaveURL(/\/admin\/billing\?add=1/);
  await expect(page.getByRole("alert").filter({ hasText: "could not add 1 person" })).toBeVisible();
  await expect(page.getByLabel("Seats to add")).toHaveValue("1");
  await page.getByRole("button", { name: "Review: add 1 seat…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /^Add 1 seat · pay/ }).click();
  await expect(page.getByRole("status")).toContainText("you now have 2");
  const add = page.getByRole("button", { name: "Add the person waiting" });
  await expect(add).toBeVisible();
  await screenshot(page, "billing-waiting-list");
  await add.click();
  await expect(page.getByText("could not add")).toHaveCount(0);

  await page.goto("/admin/users");
  await expect(page.getByTestId("seat-summary")).toHaveText("2 of 2 seats used");
  const row = page.getByRole("row", { name: /Ana Ruiz/ });
  await expect(row).toContainText("IdP");
  await expect(row).toContainText("Invited");

  // The IdP's next sync: Okta and Entra look the user up by userName, and find her.
  const found = (await (await scim.lookup(hire)).json()) as { totalResults: number; Resources: { id: string; externalId: string }[] };
  expect(found.totalResults).toBe(1);
  expect(found.Resources[0]!.externalId).toBe("00u-ana");
  // An IdP that retries the POST it never got an id for: the same member, no second seat.
  const retried = await scim.create(hire, "Ana", "Ruiz", "00u-ana");
  expect(retried.status()).toBe(201);
  expect(((await retried.json()) as { id: string }).id).toBe(found.Resources[0]!.id);
  await page.reload();
  await expect(page.getByTestId("seat-summary")).toHaveText("2 of 2 seats used");
  await expect(page.getByRole("row", { name: /Ana Ruiz/ })).toHaveCount(1);
});

test("the guard holds the 6th deactivation of a 40-person organisation, shows the banner, and after Allow the retried request applies", async ({ page, request }) => {
  const org = await makeOrg({ name: "Guardco", seats: 45, ssoConfigured: true });
  await signInWithMagicLink(page, org.owner);
  const scim = idp(request, await enableScim(page));
  const ids: string[] = [];
  for (let i = 0; i < 39; i++) {
    const r = await scim.create(`person${i}@${org.domain}`, "Person", `Number${i}`);
    expect(r.status()).toBe(201);
    ids.push(((await r.json()) as { id: string }).id);
  }
  await page.goto("/admin/security");
  await expect(page.getByTestId("guard-summary")).toContainText("more than 5 SCIM deactivations and deletions in an hour");
  await screenshot(page, "security-guard");

  for (const id of ids.slice(0, 5)) expect([200, 204]).toContain((await scim.deactivate(id)).status());
  const held = await scim.deactivate(ids[5]!);
  expect(held.status()).toBe(429);
  expect(held.headers()["retry-after"]).toBe("900");
  expect(((await held.json()) as { detail: string }).detail).toContain("/admin/users");

  await page.goto("/admin/users");
  const banner = page.getByRole("alert").filter({ hasText: "Held: your identity provider asked to remove 1 more person" });
  await expect(banner.getByRole("list", { name: "Held deprovisioning requests" })).toContainText(`person5@${org.domain}`);
  // The owner's row says what removing the owner takes, not "through your IdP" (the IdP cannot either).
  await expect(page.getByRole("row", { name: /Olive Owner/ })).toContainText("Owner: transfer to remove");
  await screenshot(page, "users-guard-held");
  const sql = e2eSql();
  const mails = await sql<{ to: string }[]>`select "to" from email_outbox where org_id = ${org.id} and kind = 'deprovision_held'`;
  expect(mails.map((m) => m.to)).toEqual([org.owner]);

  await banner.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByText("Held: your identity provider")).toHaveCount(0);
  // The IdP retries after Retry-After: now it goes through.
  expect([200, 204]).toContain((await scim.deactivate(ids[5]!)).status());
  await page.goto("/admin/users?state=deactivated");
  await expect(page.getByRole("row", { name: /Person Number5/ })).toContainText("Deactivated");
  // While the Allow runs, the page says the guard is lifted and until when; ending it early puts it back at once.
  const lifted = page.getByText(/The mass-deprovisioning guard is lifted until/);
  await expect(lifted).toBeVisible();
  await screenshot(page, "users-guard-allowed");
  await page.getByRole("button", { name: "Turn the guard back on now" }).click();
  await expect(lifted).toHaveCount(0);
  expect((await scim.deactivate(ids[6]!)).status()).toBe(429);
  await page.goto("/admin/security/provisioning?outcome=failure");
  await expect(page.getByRole("row", { name: new RegExp(`person5@${org.domain.replace(/\./g, "\\.")}`) }).first()).toContainText("429");
  await sql.end();
});
