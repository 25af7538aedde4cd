import { and, eq, sql } from "drizzle-orm";
import { actorUserId, type Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { memberships, type Role } from "@/lib/db/schema";
import { ForbiddenError, OwnerProtectedError, ValidationError } from "@/lib/errors";
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
