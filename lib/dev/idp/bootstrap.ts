import { asc, eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import type { Db } from "@/lib/db";
import { groupMembers, groups, memberships, users } from "@/lib/db/schema";
import { getOrganisationBySlug } from "@/lib/orgs/organisations";
import { setSsoConnection } from "@/lib/sso/connections";
import { demoIdpMetadata } from "./config";
import { updateDirectory } from "./directory-store";
import { demoSigningKey } from "./keys";

const demoSetup: Actor = { kind: "system", reason: "demo setup" };

/**
 * First start of a development database (just seeded with the demo data):
 * connect the demo IdP to Acme, with IdP-initiated sign-in allowed so the
 * directory's "Open Roster" buttons work, and fill the IdP's directory with
 * Acme's people as already provisioned (their SCIM id is the membership id).
 * A newcomer can then sign in through SSO with nothing but `npm run dev`.
 */
export async function connectDemoIdpToAcme(db: Db): Promise<void> {
  await demoSigningKey(db);
  const acme = await getOrganisationBySlug(db, "acme");
  if (!acme) return;
  await setSsoConnection(db, { orgId: acme.id, metadataXml: await demoIdpMetadata(db), idpInitiated: true, actor: demoSetup });
  const people = await db
    .select({ id: memberships.id, state: memberships.state, email: users.email, givenName: users.givenName, familyName: users.familyName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, acme.id))
    .orderBy(asc(users.givenName))
    .limit(200);
  const teams = await db.select().from(groups).where(eq(groups.orgId, acme.id));
  const links = await db.select().from(groupMembers).where(eq(groupMembers.orgId, acme.id));
  await updateDirectory(db, (d) => {
    d.people = people.map((p) => ({
      id: p.id,
      email: p.email,
      givenName: p.givenName ?? "",
      familyName: p.familyName ?? "",
      active: p.state !== "deactivated",
      scimId: p.id,
      syncError: null,
    }));
    d.groups = teams.map((g) => ({
      id: g.id,
      displayName: g.displayName,
      memberIds: links.filter((l) => l.groupId === g.id).map((l) => l.membershipId),
      scimId: g.id,
      syncError: null,
    }));
  });
}
