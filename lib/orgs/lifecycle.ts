import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor, Tx } from "@/lib/db";
import { durableTransaction } from "@/lib/db/durable";
import { together } from "@/lib/db/together";
import { memberships, sessions, users, type Membership, type Organisation, type User } from "@/lib/db/schema";
import { NotFoundError, OwnerProtectedError, PreconditionFailedError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { ensureOpenInvitation } from "./invitations";
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
  return durableTransaction(db, async (tx) => {
    const [org, locked] = await together(getOrganisation(tx, p.orgId), lockMembership(tx, p.orgId, p.membershipId));
    return (await applyActiveState(tx, org, locked, p.active, p.actor)) ?? locked.membership;
  });
}

/**
 * The state change itself, inside the caller's transaction and on a locked
 * membership (see lockMembership); returns the updated row, or undefined when
 * the member is already in the asked state. Claims the seat last, so call it
 * as the last write of the transaction.
 */
export async function applyActiveState(
  tx: Tx,
  org: Organisation,
  locked: { membership: Membership; user: User },
  active: boolean,
  actor: Actor,
): Promise<Membership | undefined> {
  const { membership, user } = locked;
  const isDeactivated = membership.state === "deactivated";
  if (active !== isDeactivated) return undefined;
  if (actor.kind === "user") assertNotScimManaged(org, active ? "Reactivating people" : "Deactivating people");
  if (!active && membership.role === "owner") throw new OwnerProtectedError(ownerMessage("deactivated"));
  const state = active ? (membership.joinedAt ? "active" : "invited") : "deactivated";
  const [updated] = await tx
    .update(memberships)
    .set({ state, stateChangedAt: new Date(), updatedAt: new Date(), version: sql`${memberships.version} + 1` })
    .where(eq(memberships.id, membership.id))
    .returning();
  if (actor.kind !== "scim") {
    await recordAudit(tx, {
      orgId: org.id,
      actor,
      action: active ? "member.reactivated" : "member.deactivated",
      target: user.email,
    });
  }
  if (active) {
    // Someone who never joined needs a working invitation again (theirs may have expired, or never been sent).
    if (!membership.joinedAt) await ensureOpenInvitation(tx, { org, membership, user, actor });
    await claimSeat(tx, org.id);
  } else {
    await together(endSessions(tx, user.id), releaseSeat(tx, org.id));
  }
  return updated!;
}

/**
 * PRODUCT.md "Delete": permanent. An account the organisation created goes
 * with all its data; an account that existed before joining loses only the
 * membership and the organisation's data (cascades from the membership) and
 * is a free personal account again.
 */
export async function removeMember(
  db: Executor,
  p: { orgId: string; membershipId: string; actor: Actor; expectedVersion?: number },
): Promise<void> {
  await durableTransaction(db, async (tx) => {
    const [org, { membership, user }] = await together(getOrganisation(tx, p.orgId), lockMembership(tx, p.orgId, p.membershipId));
    if (p.expectedVersion !== undefined && p.expectedVersion !== membership.version) {
      throw new PreconditionFailedError(`The user changed since you read it (version ${membership.version}, not ${p.expectedVersion}).`);
    }
    if (p.actor.kind === "user") assertNotScimManaged(org, "Removing people");
    if (membership.role === "owner") throw new OwnerProtectedError(ownerMessage("removed"));
    const remove = async () => {
      if (user.origin === "provisioned") {
        await tx.delete(users).where(eq(users.id, user.id));
      } else {
        await tx.delete(memberships).where(eq(memberships.id, membership.id));
        await endSessions(tx, user.id);
      }
    };
    const audit = async () => {
      if (p.actor.kind !== "scim") await recordAudit(tx, { orgId: org.id, actor: p.actor, action: "member.removed", target: user.email });
    };
    const release = async () => {
      if (holdsSeat(membership.state)) await releaseSeat(tx, org.id);
    };
    await together(remove(), audit(), release());
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
