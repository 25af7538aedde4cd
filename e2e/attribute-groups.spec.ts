import { expect, test, type APIRequestContext } from "@playwright/test";
import { openDatabase } from "@/lib/db/client";
import { createGroup } from "@/lib/orgs/groups";
import { setScimEnabled } from "@/lib/orgs/organisations";
import { createScimToken } from "@/lib/orgs/scim-tokens";
import { makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { screenshot } from "./support/screenshots";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** SCIM on with a token, and a group made in Roster named like a department (so the preview has something to say about it). */
async function scimSetup(orgId: string): Promise<string> {
  const database = await openDatabase({ url: process.env.E2E_DATABASE_URL });
  const operator = { kind: "operator" } as const;
  try {
    await setScimEnabled(database.db, orgId, true, operator);
    await createGroup(database.db, { orgId, displayName: "Support", actor: operator });
    return (await createScimToken(database.db, { orgId, actor: operator })).token;
  } finally {
    await database.close();
  }
}

function idp(request: APIRequestContext, token: string) {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" };
  return {
    create: async (email: string, given: string, family: string, department?: string) => {
      const res = await request.post("/api/scim/v2/Users", {
        headers,
        data: {
          schemas: [USER, ENTERPRISE],
          userName: email,
          name: { givenName: given, familyName: family },
          emails: [{ value: email, primary: true }],
          active: true,
          ...(department ? { [ENTERPRISE]: { department } } : {}),
        },
      });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    },
    /** What Entra ID sends when a department changes. */
    setDepartment: async (id: string, department: string) => {
      const res = await request.patch(`/api/scim/v2/Users/${id}`, {
        headers,
        data: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: `${ENTERPRISE}:department`, value: department }] },
      });
      // 204: Playwright's request accepts anything, and Roster answers such clients without a body (docs/scim.md).
      expect(res.status()).toBe(204);
    },
  };
}

test("groups from the department: previewed, applied, following the IdP's change of department, turned off", async ({ page, request }) => {
  const org = await makeOrg({ name: "Deptco", seats: 10 });
  await signInWithMagicLink(page, org.owner);
  const token = await scimSetup(org.id);
  const scim = idp(request, token);
  const d = org.domain;
  const ids = {
    ana: await scim.create(`ana@${d}`, "Ana", "Sales", "Sales"),
    bo: await scim.create(`bo@${d}`, "Bo", "Sales", "Sales"),
    cy: await scim.create(`cy@${d}`, "Cy", "Support", "Support"),
    di: await scim.create(`di@${d}`, "Di", "Finance", "Finance"),
  };
  await scim.create(`ed@${d}`, "Ed", "Nodept");

  await page.goto("/admin/groups");
  await expect(page.getByRole("heading", { name: "Groups from a user attribute" })).toBeVisible();
  await screenshot(page, "attribute-groups-off");
  await page.getByLabel("Attribute").selectOption("department");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("status", { name: "Preview" });
  await expect(preview).toContainText("4 people into 3 groups: Sales 2, Finance 1, Support 1");
  await expect(preview).toContainText("2 people have no department and join no group."); // Ed and the owner
  await expect(preview).toContainText("“Support” (made in Roster, 0 members) becomes the department group: 1 join, 0 leave.");
  await screenshot(page, "attribute-groups-preview");

  await page.getByRole("button", { name: "Apply: keep groups from the department" }).click();
  await expect(page.getByRole("heading", { name: "Groups follow each person’s department" })).toBeVisible();
  const table = page.getByRole("table", { name: "Groups" });
  for (const [name, members] of [["Sales", "2 members"], ["Support", "1 member"], ["Finance", "1 member"]] as const) {
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row).toContainText(members);
    await expect(row).toContainText("From department");
    await expect(row.getByRole("button", { name: "Rename" })).toBeDisabled();
    await expect(row.getByRole("button", { name: "Delete" })).toBeDisabled();
  }
  await screenshot(page, "attribute-groups-on");

  // The IdP moves Bo from Sales to Support (Entra's PATCH): the group pages show it.
  await scim.setDepartment(ids.bo, "Support");
  await table.getByRole("link", { name: "Support", exact: true }).click();
  await expect(page.getByText("Read-only: follows each person’s department")).toBeVisible();
  const members = page.getByRole("table", { name: "Group members" });
  await expect(members).toContainText("Bo Sales");
  await expect(members).toContainText("Cy Support");
  await expect(page.getByLabel("Add a member by email")).toHaveCount(0);
  await screenshot(page, "attribute-group-support");
  await page.goto("/admin/groups");
  await page.getByRole("table", { name: "Groups" }).getByRole("link", { name: "Sales", exact: true }).click();
  await expect(page.getByRole("table", { name: "Group members" })).toContainText("Ana Sales");
  await expect(page.getByRole("table", { name: "Group members" })).not.toContainText("Bo Sales");

  // A new department makes a new group.
  await scim.setDepartment(ids.di, "Legal");
  await page.goto("/admin/groups");
  await expect(page.getByRole("table", { name: "Groups" }).getByRole("row").filter({ has: page.getByRole("link", { name: "Legal", exact: true }) })).toContainText(
    "1 member",
  );

  // Turning off says what happens first; then the groups are ordinary and editable.
  await page.getByRole("button", { name: "Turn off" }).click();
  const dialog = page.getByRole("dialog", { name: "Stop keeping groups from the department?" });
  await expect(dialog).toContainText("as ordinary groups you can rename, edit and delete");
  await screenshot(page, "attribute-groups-turn-off");
  await dialog.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("heading", { name: "Groups from a user attribute" })).toBeVisible();
  const salesRow = page.getByRole("table", { name: "Groups" }).getByRole("row").filter({ has: page.getByRole("link", { name: "Sales", exact: true }) });
  await expect(salesRow).toContainText("Created in Roster");
  await expect(salesRow.getByRole("button", { name: "Rename" })).toBeEnabled();
});
