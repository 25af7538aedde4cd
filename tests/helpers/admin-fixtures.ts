import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import type { Db } from "@/lib/db";
import { memberships, users } from "@/lib/db/schema";
import { markMemberJoined, setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { changeRole } from "@/lib/orgs/roles";
import { operator, uniq } from "./fixtures";

/** A member in the state and role a test needs, made through the domain functions (never by hand). */
export async function addMember(
  db: Db,
  orgId: string,
  opts: { state?: "invited" | "active" | "deactivated"; role?: "admin" | "user"; given?: string; family?: string; email?: string } = {},
) {
  const email = opts.email ?? `m-${uniq()}@example.com`;
  const { membership, user } = await inviteMember(db, { orgId, email, givenName: opts.given, familyName: opts.family, actor: operator });
  const state = opts.state ?? "active";
  if (state !== "invited") await markMemberJoined(db, { orgId, membershipId: membership.id });
  if (opts.role === "admin") await changeRole(db, { orgId, membershipId: membership.id, role: "admin", actor: operator });
  if (state === "deactivated") await setMemberActive(db, { orgId, membershipId: membership.id, active: false, actor: operator });
  return { membershipId: membership.id, userId: user.id, email };
}

/** The acting person of a browser request, as viewerActor() builds it. */
export async function actorFor(db: Db, membershipId: string): Promise<Actor> {
  const [row] = await db
    .select({ userId: users.id, email: users.email, membership: { id: memberships.id, orgId: memberships.orgId, role: memberships.role, state: memberships.state } })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.id, membershipId));
  if (!row) throw new Error("no such member");
  return { kind: "user", ...row };
}

export async function ownerOf(db: Db, orgId: string) {
  const all = await db.select().from(memberships).where(eq(memberships.orgId, orgId));
  const owner = all.find((m) => m.role === "owner");
  if (!owner) throw new Error("org has no owner");
  return { membershipId: owner.id, actor: await actorFor(db, owner.id) };
}
