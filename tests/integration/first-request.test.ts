import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markMemberJoined } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { drainProvisioningLog, recordRequest } from "@/lib/scim/log";
import { firstSignInSince, latestProvisioningRequest } from "@/lib/security/first-request";
import { makeOrg, operator, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** The setup guide's live panel reads (lib/security/first-request.ts), against the provisioning log as lib/scim writes it. */
describe(`setup guide live panel (${testDriver()})`, () => {
  it("nothing yet → null; then the newest request, with the IdP and the person's name", async () => {
    const org = await makeOrg(t.db);
    const other = await makeOrg(t.db);
    expect(await latestProvisioningRequest(t.db, org.id)).toBeNull();

    const email = `ana-${uniq()}@example.com`;
    const { membership } = await inviteMember(t.db, { orgId: org.id, email, givenName: "Ana", familyName: "Ruiz", actor: operator });
    recordRequest(t.db, { orgId: org.id, method: "GET", path: "/api/scim/v2/ServiceProviderConfig", status: 200, userAgent: "Okta SCIM Client 1.0.0" });
    await drainProvisioningLog();
    expect(await latestProvisioningRequest(t.db, org.id)).toMatchObject({ idp: "okta", idpName: "Okta", summary: "read Roster's settings", ok: true });

    await new Promise((r) => setTimeout(r, 5)); // distinct `at`: the panel shows the newest
    recordRequest(t.db, {
      orgId: org.id,
      method: "POST",
      path: "/api/scim/v2/Users",
      resourceType: "User",
      resourceId: membership.id,
      target: email,
      operation: "create",
      status: 201,
      userAgent: "Okta SCIM Client 1.0.0",
    });
    // Another organisation's request, later still, is never this one's.
    recordRequest(t.db, { orgId: other.id, method: "DELETE", path: "/api/scim/v2/Users/x", status: 204, operation: "delete", userAgent: "curl/8" });
    await drainProvisioningLog();
    const latest = await latestProvisioningRequest(t.db, org.id);
    expect(latest).toMatchObject({ idp: "okta", summary: "created Ana Ruiz", status: 201, ok: true, detail: null });
    expect(latest!.at).toBeInstanceOf(Date);
  });

  it("a refusal says so, with Roster's reason; an unknown client is another SCIM client", async () => {
    const org = await makeOrg(t.db);
    recordRequest(t.db, {
      orgId: org.id,
      method: "POST",
      path: "/api/scim/v2/Users",
      resourceType: "User",
      target: "bo@example.com",
      operation: "create",
      status: 409,
      detail: "userName is already taken",
      userAgent: "python-requests/2.31",
    });
    await drainProvisioningLog();
    expect(await latestProvisioningRequest(t.db, org.id)).toMatchObject({
      idp: "scim",
      idpName: "Another SCIM 2.0 client",
      summary: "could not create bo@example.com",
      ok: false,
      detail: "userName is already taken",
    });
  });

  it("a first sign-in after the guide opened, and only then", async () => {
    const org = await makeOrg(t.db);
    const { membership } = await inviteMember(t.db, { orgId: org.id, email: `gia-${uniq()}@example.com`, givenName: "Gia", familyName: "Lopez", actor: operator });
    // The owner joined when the organisation was made: before the guide opened, so not this.
    await new Promise((r) => setTimeout(r, 5));
    const before = new Date();
    expect(await firstSignInSince(t.db, org.id, before)).toBeNull();
    await markMemberJoined(t.db, { orgId: org.id, membershipId: membership.id });
    expect(await firstSignInSince(t.db, org.id, before)).toMatchObject({ name: "Gia Lopez" });
    expect(await firstSignInSince(t.db, org.id, new Date(Date.now() + 60_000))).toBeNull();
  });
});
