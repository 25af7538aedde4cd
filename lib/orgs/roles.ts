import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { personName, recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { memberships, type Role } from "@/lib/db/schema";
import { ConflictError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { lockMembership } from "./lifecycle";
import { getOrganisation } from "./organisations";

/**
 * PRODUCT.md: roles change only on the Admin Management page (never from the
 * IdP). Admins and owners may switch a member between user and admin; nobody
 * changes their own role; the owner's role changes only by transferring
 * ownership (lib/policy.ts).
 */
export async function changeRole(
  db: Executor,
  p: { orgId: string; membershipId: string; role: Exclude<Role, "owner">; actor: Actor },
): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "member.role", { org });
    if (p.role !== "admin" && p.role !== "user") throw new ValidationError("Role must be admin or user.", "role");
    const { membership, user } = await lockMembership(tx, p.orgId, p.membershipId);
    authorize(p.actor, "member.role", { org, member: membership });
    if (membership.state === "deactivated" && p.role === "admin") {
      throw new ValidationError("Reactivate this member before making them an admin.", "role");
    }
    if (membership.role === p.role) return;
    await tx
      .update(memberships)
      .set({ role: p.role, updatedAt: new Date(), version: sql`${memberships.version} + 1` })
      .where(and(eq(memberships.orgId, p.orgId), eq(memberships.id, membership.id)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actor: p.actor,
      action: "member.role_changed",
      target: user.email,
      subject: { id: membership.id, email: user.email, name: personName({ ...user, displayName: membership.displayName }) },
      details: { from: membership.role, to: p.role },
    });
  });
}

/**
 * Hands the organisation to another active member. Only the owner may do it
 * (admins cannot change the owner); the old owner stays on as an admin, so
 * there is exactly one owner before and after. The demotion is a conditional
 * UPDATE: of two transfers racing, the second finds no owner to demote and
 * is refused rather than leaving two owners or none.
 */
export async function transferOwnership(
  db: Executor,
  p: { orgId: string; toMembershipId: string; actor: Actor },
): Promise<void> {
  await db.transaction(async (tx) => {
    authorize(p.actor, "ownership.transfer", { org: await getOrganisation(tx, p.orgId) });
    // The owner hands over their own ownership; the operator, whoever's it is.
    const acting = p.actor.kind === "user" ? p.actor.membership : null;
    const { membership: target, user: targetUser } = await lockMembership(tx, p.orgId, p.toMembershipId);
    if (target.role === "owner") throw new ValidationError("This member is already the owner.", "membershipId");
    if (target.state !== "active") {
      throw new ValidationError(
        target.state === "invited"
          ? "The new owner must have joined: wait until they accept their invitation."
          : "The new owner must be active: reactivate them first.",
        "membershipId",
      );
    }
    const demoted = await tx
      .update(memberships)
      .set({ role: "admin", updatedAt: new Date(), version: sql`${memberships.version} + 1` })
      .where(
        and(
          eq(memberships.orgId, p.orgId),
          eq(memberships.role, "owner"),
          acting ? eq(memberships.id, acting.id) : sql`true`,
        ),
      )
      .returning({ id: memberships.id });
    if (demoted.length !== 1) throw new ConflictError("Ownership changed in the meantime. Reload the page and try again.");
    await tx
      .update(memberships)
      .set({ role: "owner", updatedAt: new Date(), version: sql`${memberships.version} + 1` })
      .where(eq(memberships.id, target.id));
    await recordAudit(tx, {
      orgId: p.orgId,
      actor: p.actor,
      action: "ownership.transferred",
      target: targetUser.email,
      subject: { id: target.id, email: targetUser.email, name: personName(targetUser) },
      details: { previousOwnerMembershipId: demoted[0]!.id, previousRole: target.role },
    });
  });
}
