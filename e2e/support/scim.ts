import type { APIRequestContext } from "@playwright/test";
import type { Actor } from "@/lib/audit/actor";
import { openDatabase } from "@/lib/db/client";
import { markMemberJoined, setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";

/**
 * INTERIM, until the SCIM API is on main: the same domain functions the SCIM
 * routes call. Replaced by real HTTP calls to /api/scim/v2 after the merge.
 */
export interface ScimOrg {
  id: string;
  slug: string;
  scimToken: string;
  scimBaseUrl: string;
}

const scim: Actor = { kind: "scim", tokenId: null };

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: process.env.E2E_DATABASE_URL });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

/** Provisions a user as the IdP would, then lets them join (their first SSO sign-in). */
export async function scimProvision(
  _request: APIRequestContext,
  org: ScimOrg,
  u: { userName: string; givenName: string; familyName: string },
): Promise<{ id: string }> {
  return withDb(async (db) => {
    const { membership } = await inviteMember(db, { orgId: org.id, email: u.userName, givenName: u.givenName, familyName: u.familyName, actor: scim });
    await markMemberJoined(db, { orgId: org.id, membershipId: membership.id });
    return { id: membership.id };
  });
}

export async function scimPatchActive(_request: APIRequestContext, org: ScimOrg, id: string, active: boolean): Promise<{ status(): number }> {
  await withDb((db) => setMemberActive(db, { orgId: org.id, membershipId: id, active, actor: scim }));
  return { status: () => 200 };
}
