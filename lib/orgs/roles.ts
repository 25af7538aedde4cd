import { and, eq, sql } from "drizzle-orm";
import { actorUserId, type Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { memberships, type Role } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, OwnerProtectedError, ValidationError } from "@/lib/errors";
import { assertOrgAdmin } from "./authorize";
import { lockMembership } from "./lifecycle";

/**
 * PRODUCT.md: roles change only on the Admin Management page (never from the
 * IdP). Admins and owners may switch a member between user and admin; nobody
 * changes their own role; the owner's role changes only by transferring
 * ownership.
 */
export async function changeRole(
  db: Executor,
  p: { orgId: string; membershipId: string; role: Exclude<Role, "owner">; actor: Actor },
): Promise<void> {
  if (p.actor.kind === "scim") throw new ForbiddenError("Roles are never set by the identity provider.");
  if (p.role !== "admin" && p.role !== "user") throw new ValidationError("Role must be admin or user.", "role");
  await db.transaction(async (tx) => {
    await assertOrgAdmin(tx, p.orgId, p.actor);
    const { membership, user } = await lockMembership(tx, p.orgId, p.membershipId);
    if (membership.userId === actorUserId(p.actor)) throw new ForbiddenError("You cannot change your own role.");
    if (membership.role === "owner") {
      throw new OwnerProtectedError("The owner's role changes only by transferring ownership.");
    }
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
  if (p.actor.kind === "scim") throw new ForbiddenError("Ownership is never changed by the identity provider.");
  await db.transaction(async (tx) => {
    const acting = await assertOrgAdmin(tx, p.orgId, p.actor);
    if (acting && acting.role !== "owner") {
      throw new ForbiddenError("Only the owner can transfer ownership. Ask the owner to do it.");
    }
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
      details: { previousOwnerMembershipId: demoted[0]!.id, previousRole: target.role },
    });
  });
}
