import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor, Tx } from "@/lib/db";
import { memberships, sessions, users, type Membership, type User } from "@/lib/db/schema";
import { NotFoundError, OwnerProtectedError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { assertNotScimManaged } from "./members";
import { getOrganisation } from "./organisations";
import { claimSeat, holdsSeat, releaseSeat } from "./seats";

/** Locks and returns a membership of the organisation; other organisations' ids are simply not found. */
export async function lockMembership(tx: Tx, orgId: string, membershipId: string): Promise<{ membership: Membership; user: User }> {
  if (!isUuid(membershipId)) throw new NotFoundError("User not found");
  const [row] = await tx
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.id, membershipId)))
    .for("update", { of: memberships });
  if (!row) throw new NotFoundError("User not found");
  return row;
}

const ownerMessage = (action: string) =>
  `The owner of the organisation cannot be ${action}. Transfer ownership to another admin on the Admin Management page first.`;

/** Ends every session of the account; the next request of any open tab is refused. */
export async function endSessions(tx: Executor, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * PRODUCT.md "Deactivate" / "Reactivate". Deactivation frees the seat and ends
 * sessions; reactivation takes a seat again (or fails with SeatLimitError) and
 * returns the member to where they were: active if they had joined, else invited.
 * Idempotent: asking for the current state changes nothing.
 */
export async function setMemberActive(
  db: Executor,
  p: { orgId: string; membershipId: string; active: boolean; actor: Actor },
): Promise<Membership> {
  return db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    const { membership, user } = await lockMembership(tx, p.orgId, p.membershipId);
    const isDeactivated = membership.state === "deactivated";
    if (p.active !== isDeactivated) return membership;
    if (p.actor.kind === "user") assertNotScimManaged(org, p.active ? "Reactivating people" : "Deactivating people");
    if (!p.active && membership.role === "owner") throw new OwnerProtectedError(ownerMessage("deactivated"));
    const state = p.active ? (membership.joinedAt ? "active" : "invited") : "deactivated";
    const [updated] = await tx
      .update(memberships)
      .set({ state, stateChangedAt: new Date(), updatedAt: new Date(), version: sql`${memberships.version} + 1` })
      .where(eq(memberships.id, membership.id))
      .returning();
    if (p.actor.kind !== "scim") {
      await recordAudit(tx, {
        orgId: org.id,
        actor: p.actor,
        action: p.active ? "member.reactivated" : "member.deactivated",
        target: user.email,
      });
    }
    if (p.active) {
      await claimSeat(tx, org.id);
    } else {
      await endSessions(tx, user.id);
      await releaseSeat(tx, org.id);
    }
    return updated!;
  });
}

/**
 * PRODUCT.md "Delete": permanent. An account the organisation created goes
 * with all its data; an account that existed before joining loses only the
 * membership and the organisation's data (cascades from the membership) and
 * is a free personal account again.
 */
export async function removeMember(
  db: Executor,
  p: { orgId: string; membershipId: string; actor: Actor },
): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    const { membership, user } = await lockMembership(tx, p.orgId, p.membershipId);
    if (p.actor.kind === "user") assertNotScimManaged(org, "Removing people");
    if (membership.role === "owner") throw new OwnerProtectedError(ownerMessage("removed"));
    if (user.origin === "provisioned") {
      await tx.delete(users).where(eq(users.id, user.id));
    } else {
      await tx.delete(memberships).where(eq(memberships.id, membership.id));
      await endSessions(tx, user.id);
    }
    if (p.actor.kind !== "scim") {
      await recordAudit(tx, { orgId: org.id, actor: p.actor, action: "member.removed", target: user.email });
    }
    if (holdsSeat(membership.state)) await releaseSeat(tx, org.id);
  });
}

/**
 * First sign-in of an invited member (invitation accepted): `invited` → `active`.
 * The seat was reserved at provisioning, so nothing changes in the seat count.
 */
export async function markMemberJoined(db: Executor, p: { orgId: string; membershipId: string }): Promise<Membership> {
  return db.transaction(async (tx) => {
    const { membership } = await lockMembership(tx, p.orgId, p.membershipId);
    if (membership.state !== "invited") return membership;
    const now = new Date();
    const [updated] = await tx
      .update(memberships)
      .set({ state: "active", joinedAt: now, stateChangedAt: now, updatedAt: now, version: sql`${memberships.version} + 1` })
      .where(eq(memberships.id, membership.id))
      .returning();
    return updated!;
  });
}
