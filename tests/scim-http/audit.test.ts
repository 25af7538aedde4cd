import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditLog } from "@/lib/audit/queries";
import { auditSentence } from "@/lib/audit/sentences";
import { listProvisioningLog } from "@/lib/audit/provisioning";
import { auditLog } from "@/lib/db/schema";
import { db, GROUP, logRows, makeScimOrg, newUser, patchBody, type ScimOrg } from "./support";

/**
 * Issue 19 over real HTTP: an IdP lifecycle (create, rename, deactivate,
 * reactivate, delete, a group) lands in the audit trail in plain words with
 * the IdP named by its token, and the deleted person stays findable by name
 * in the audit trail and in the provisioning log.
 */
let org: ScimOrg;
beforeAll(async () => {
  org = await makeScimOrg({ seats: 10, owner: true, tokenLabel: "Okta" });
});

describe("SCIM changes in the audit trail", () => {
  it("a lifecycle ending in DELETE: every step a sentence naming Okta and the person; the deleted person found by name", async () => {
    const created = await org.client.post("/Users", newUser({ userName: "priya.shah@corp.example", name: { givenName: "Priya", familyName: "Shah" }, emails: [] }));
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect((await org.client.patch(`/Users/${id}`, patchBody({ op: "replace", path: "title", value: "Engineer" }))).status).toBe(200);
    expect((await org.client.patch(`/Users/${id}`, patchBody({ op: "replace", path: "active", value: false }))).status).toBe(200);
    expect((await org.client.patch(`/Users/${id}`, patchBody({ op: "replace", path: "active", value: true }))).status).toBe(200);
    expect((await org.client.delete(`/Users/${id}`)).status).toBe(204);
    expect((await org.client.post("/Groups", { schemas: [GROUP], displayName: "Engineering" })).status).toBe(201);

    const { db: d } = await db();
    const rows = await d.select().from(auditLog).where(eq(auditLog.orgId, org.id)).orderBy(asc(auditLog.id));
    const scim = rows.filter((r) => r.actorKind === "scim");
    expect(scim.map(auditSentence)).toEqual([
      "Okta provisioned Priya Shah",
      "Okta updated Priya Shah's profile",
      "Okta deactivated Priya Shah",
      "Okta reactivated Priya Shah",
      "Okta deleted Priya Shah",
      "Okta created the group Engineering",
    ]);
    expect(scim.slice(0, 5).every((r) => r.subjectEmail === "priya.shah@corp.example" && r.subjectId === id)).toBe(true);

    const found = await listAuditLog(d, { orgId: org.id, search: "priya sh" });
    expect(found.rows.map((r) => r.action)[0]).toBe("member.removed");
  });

  it("the provisioning log's DELETE row keeps who it was, and searching the log by name finds it", async () => {
    const created = await org.client.post("/Users", newUser({ userName: "lena.gone@corp.example", name: { givenName: "Lena", familyName: "Gone" }, emails: [] }));
    expect((await org.client.delete(`/Users/${created.json.id}`)).status).toBe(204);
    // The log is written in batches just after the response: wait for the DELETE's own row.
    let del: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !del; i++) {
      del = (await logRows(org.id, 1)).find((r) => r.method === "DELETE" && r.resource_id === created.json.id);
      if (!del) await new Promise((r) => setTimeout(r, 100));
    }
    expect(del).toMatchObject({ target: "lena.gone@corp.example", target_name: "Lena Gone", status: 204 });

    const { db: d } = await db();
    const byName = await listProvisioningLog(d, { orgId: org.id, target: "lena go" });
    expect(byName.rows.map((r) => r.method)).toEqual(["DELETE", "POST"]);
  });
});
