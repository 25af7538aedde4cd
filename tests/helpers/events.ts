import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { groupMembers, groups, users } from "@/lib/db/schema";
import { markMemberJoined } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { scimActor, uniq } from "./fixtures";

/** A member who accepted their invitation: active, bookable, with the defaults provisioning gave them. */
export async function activeMember(db: Db, orgId: string, opts: { given?: string; timeZone?: string } = {}) {
  const email = `${(opts.given ?? "member").toLowerCase()}-${uniq()}@example.com`;
  const invited = await inviteMember(db, { orgId, email, givenName: opts.given ?? "Mia", familyName: "Host", actor: scimActor });
  const membership = await markMemberJoined(db, { orgId, membershipId: invited.membership.id });
  if (opts.timeZone) await db.update(users).set({ timeZone: opts.timeZone }).where(eq(users.id, invited.user.id));
  return { membership, user: invited.user };
}

export async function makeGroup(db: Db, orgId: string, name = `Group ${uniq()}`) {
  const [group] = await db.insert(groups).values({ orgId, displayName: name }).returning();
  return group!;
}

export async function addToGroup(db: Db, orgId: string, groupId: string, membershipIds: string[]) {
  await db.insert(groupMembers).values(membershipIds.map((membershipId) => ({ orgId, groupId, membershipId })));
}
