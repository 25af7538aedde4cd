import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordSignIn } from "@/lib/audit/sign-ins";
import { inviteMember } from "@/lib/orgs/members";
import { drainProvisioningLog, recordRequest } from "@/lib/scim/log";
import { firstSsoSignInSince, latestProvisioningRequest } from "@/lib/security/first-request";
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

  it("the first SSO sign-in after the guide opened, let in or refused; email-link sign-ins and earlier ones are not it", async () => {
    const org = await makeOrg(t.db);
    const email = `gia-${uniq()}@example.com`;
    const { membership, user } = await inviteMember(t.db, { orgId: org.id, email, givenName: "Gia", familyName: "Lopez", actor: operator });
    await recordSignIn(t.db, { orgId: org.id, action: "signin.sso", email, user, membershipId: membership.id });
    await new Promise((r) => setTimeout(r, 5));
    const before = new Date();
    // The database's clock and this process's may tick at different resolutions: keep the marks strictly apart.
    await new Promise((r) => setTimeout(r, 5));
    expect(await firstSsoSignInSince(t.db, org.id, before)).toBeNull();
    await recordSignIn(t.db, { orgId: org.id, action: "signin.email_link", email, user, membershipId: membership.id });
    await recordSignIn(t.db, { orgId: org.id, action: "signin.refused", email, user, membershipId: membership.id, details: { reason: "sso_required", method: "email_link" } });
    expect(await firstSsoSignInSince(t.db, org.id, before)).toBeNull();
    await recordSignIn(t.db, { orgId: org.id, action: "signin.refused", email, user, membershipId: membership.id, details: { reason: "invited", method: "sso" } });
    await recordSignIn(t.db, { orgId: org.id, action: "signin.sso", email, user, membershipId: membership.id });
    expect(await firstSsoSignInSince(t.db, org.id, before)).toMatchObject({
      sentence: "Gia Lopez was refused sign-in with SSO: the invitation was not accepted yet",
      ok: false,
    });
    const other = await makeOrg(t.db);
    expect(await firstSsoSignInSince(t.db, other.id, before)).toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    const later = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await recordSignIn(t.db, { orgId: org.id, action: "signin.sso", email, user, membershipId: membership.id });
    expect(await firstSsoSignInSince(t.db, org.id, later)).toMatchObject({ sentence: "Gia Lopez signed in with SSO", ok: true });
  });
});
