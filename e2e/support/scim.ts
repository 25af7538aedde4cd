import type { APIRequestContext, APIResponse } from "@playwright/test";
import { openDatabase } from "@/lib/db/client";
import { markMemberJoined } from "@/lib/orgs/lifecycle";

/** An organisation made by `roster create-org --scim --json`: its SCIM base URL and bearer token. */
export interface ScimOrg {
  id: string;
  slug: string;
  scimToken: string;
  scimBaseUrl: string;
}

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const headers = (org: ScimOrg) => ({ Authorization: `Bearer ${org.scimToken}`, "Content-Type": "application/scim+json" });

/**
 * Provisions a user the way an IdP does (POST /Users), then lets them join.
 * Joining is the member's first SSO sign-in; here the domain function that
 * sign-in calls stands in for the IdP round trip.
 */
export async function scimProvision(
  request: APIRequestContext,
  org: ScimOrg,
  u: { userName: string; givenName: string; familyName: string },
): Promise<{ id: string }> {
  const res = await request.post(`${org.scimBaseUrl}/Users`, {
    headers: headers(org),
    data: { schemas: [USER], userName: u.userName, name: { givenName: u.givenName, familyName: u.familyName }, emails: [{ value: u.userName, primary: true }], active: true },
  });
  if (res.status() !== 201) throw new Error(`SCIM create answered ${res.status()}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const database = await openDatabase({ url: process.env.E2E_DATABASE_URL });
  try {
    await markMemberJoined(database.db, { orgId: org.id, membershipId: id });
  } finally {
    await database.close();
  }
  return { id };
}

/** What Okta sends to deactivate or reactivate a user. */
export function scimPatchActive(request: APIRequestContext, org: ScimOrg, id: string, active: boolean): Promise<APIResponse> {
  return request.patch(`${org.scimBaseUrl}/Users/${id}`, {
    headers: headers(org),
    data: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active } }] },
  });
}

/** The user's `active` as the SCIM API reports it. */
export async function scimActive(request: APIRequestContext, org: ScimOrg, id: string): Promise<boolean> {
  const res = await request.get(`${org.scimBaseUrl}/Users/${id}`, { headers: headers(org) });
  return ((await res.json()) as { active: boolean }).active;
}
