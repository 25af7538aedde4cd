import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import type { Executor } from "@/lib/db";
import { memberships, type Membership } from "@/lib/db/schema";
import { ForbiddenError } from "@/lib/errors";

/**
 * The role rule of the admin console, checked in the domain and not only by
 * the route wrapper: a person acting in a browser must be an owner or admin
 * of the organisation they act on, and not deactivated. The operator CLI and Roster itself
 * pass; the IdP never administers (roles, seats, tokens are not SCIM's).
 * Returns the acting membership for people, null otherwise.
 */
export async function assertOrgAdmin(db: Executor, orgId: string, actor: Actor): Promise<Membership | null> {
  if (actor.kind === "operator" || actor.kind === "system") return null;
  if (actor.kind === "scim") throw new ForbiddenError("The identity provider cannot make this change.");
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, actor.userId)));
  // Deactivated admins are out; an invited one cannot sign in yet, and the route wrapper asks for an active session.
  if (!m || m.state === "deactivated" || (m.role !== "owner" && m.role !== "admin")) {
    throw new ForbiddenError("Only owners and admins of the organisation can do this.");
  }
  return m;
}
