import { expect, test } from "@playwright/test";
import { callApi, makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { screenshot } from "./support/screenshots";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/**
 * Issue 19: who manages what says the same thing everywhere. A person invited
 * in Roster is told how to be removed while SCIM is on; a group made in Roster
 * that the IdP takes over says so and since when; the provisioning log speaks
 * in words; the SCIM base URL is shown once after enabling.
 */
test("SCIM on: truthful sources and locks, a Roster group adopted by the IdP, the provisioning log in words", async ({ page, request }) => {
  const org = await makeOrg({ name: "Careco", seats: 5, ssoConfigured: true, people: [{ given: "Ivy", family: "Invited" }] });
  const ivy = org.people[0]!;
  await signInWithMagicLink(page, org.owner);

  // A group made in Roster before SCIM.
  const made = await callApi(page, "POST", "/api/admin/groups", { displayName: "Roster Crew" });
  expect(made.status).toBe(201);
  const groupId = made.body.id as string;

  await page.goto("/admin/security");
  await page.getByRole("button", { name: "Enable SCIM provisioning" }).click();
  const token = (await page.getByTestId("new-scim-token").textContent())!.trim();
  // The base URL is shown once: in the section, not again beside the new token.
  await expect(page.locator("code", { hasText: "/api/scim/v2" })).toHaveCount(1);
  await screenshot(page, "security-scim-enabled");
  await page.getByRole("button", { name: "I’ve copied the token" }).click();

  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" };
  const created = await request.post("/api/scim/v2/Users", {
    headers,
    data: { schemas: [USER], userName: `nina@${org.domain}`, name: { givenName: "Nina", familyName: "Provisioned" }, emails: [{ value: `nina@${org.domain}`, primary: true }], active: true },
  });
  expect(created.status()).toBe(201);
  const nina = ((await created.json()) as { id: string }).id;
  // The IdP's first write to the Roster group takes it over.
  const patched = await request.patch(`/api/scim/v2/Groups/${groupId}`, {
    headers,
    data: { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: nina }] }] },
  });
  expect(patched.status()).toBeLessThan(300);
  const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date());

  await page.goto("/admin/groups");
  const groupRow = page.getByRole("row", { name: /Roster Crew/ });
  await expect(groupRow).toContainText(`Managed by your IdP since ${today}`);
  await screenshot(page, "groups-adopted");
  await groupRow.getByRole("link", { name: "Roster Crew" }).click();
  await expect(page.getByText(`your identity provider has managed it since ${today}`)).toBeVisible();
  await screenshot(page, "group-adopted");

  // Users: Ivy was invited in Roster; Nina came from the IdP. Both are the IdP's to remove now, and the page says how.
  await page.goto("/admin/users");
  const ivyRow = page.getByRole("row", { name: /Ivy Invited/ });
  await expect(ivyRow).toContainText("Roster invite");
  await expect(ivyRow).toContainText("Remove through your IdP");
  await expect(page.getByRole("row", { name: /Nina Provisioned/ })).toContainText("Managed by your identity provider");
  await ivyRow.getByRole("button", { name: "Actions" }).click();
  await expect(page.getByRole("menuitem", { name: "Remove" })).toBeDisabled();
  await expect(page.getByRole("menu")).toContainText("Assign Ivy Invited to Roster in your IdP, then unassign them there; or turn SCIM off on the Security page.");
  await screenshot(page, "users-roster-invite-under-scim");
  await page.keyboard.press("Escape");

  await page.goto(`/admin/users/${ivy.id}`);
  await expect(page.getByText("Invited in Roster", { exact: true })).toBeVisible();
  await expect(page.getByText(/To remove Ivy Invited, assign them to Roster in your IdP and then unassign them there/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove" })).toBeDisabled();
  await expect(page.getByText("No upcoming meetings")).toBeVisible();
  await screenshot(page, "user-roster-invite-under-scim");
  // The server holds the same line.
  expect((await callApi(page, "DELETE", `/api/admin/members/${ivy.id}`)).status).toBe(403);

  await page.goto("/admin/security/provisioning");
  const log = page.getByRole("table", { name: "Provisioning log" });
  await expect(log.getByRole("row", { name: /Added group members/ })).toContainText("Succeeded");
  await expect(log.getByRole("row", { name: /Added a person/ })).toContainText("HTTP 201");
  await expect(log).not.toContainText("204 OK");
  await screenshot(page, "provisioning-log-words");
});
