import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { personName, recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { invitations } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { issueInvitation } from "./invitations";
import { lockMembership } from "./lifecycle";
import { getOrganisation } from "./organisations";

/**
 * What an admin does with a pending invitation from the Users page. Both act
 * on the invitation link only, not on the membership: the invited member keeps
 * their reserved seat, so these are allowed while SCIM manages people (the
 * IdP decides who is a member; the admin can still get the email to them, or
 * kill a link that went to the wrong inbox). Freeing the seat is removal or
 * deactivation, with their own rules.
 */
export type MemberInvitationState = "pending" | "expired" | "revoked" | "none";

/** Sends a fresh invitation email; the previous link stops working (issueInvitation revokes it). */
export async function resendInvitation(db: Executor, p: { orgId: string; membershipId: string; actor: Actor }) {
  return db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "invitation.resend", { org });
    const { membership, user } = await lockMembership(tx, p.orgId, p.membershipId);
    if (membership.state !== "invited") {
      throw new ValidationError(
        membership.state === "active"
          ? `${user.email} has already joined; there is no invitation to resend.`
          : `${user.email} is deactivated. Reactivate them to send a new invitation.`,
        "membershipId",
      );
    }
    const { expiresAt } = await issueInvitation(tx, {
      org,
      membershipId: membership.id,
      email: user.email,
      recipientName: [user.givenName, user.familyName].filter(Boolean).join(" ") || null,
      actor: p.actor,
    });
    await recordAudit(tx, { orgId: org.id, actor: p.actor, action: "invitation.resent", target: user.email, subject: { email: user.email, name: personName(user) } });
    return { email: user.email, expiresAt };
  });
}

/** Makes the member's open invitation link stop working; they stay invited until resent, removed or deactivated. */
export async function revokeInvitation(db: Executor, p: { orgId: string; membershipId: string; actor: Actor }) {
  return db.transaction(async (tx) => {
    authorize(p.actor, "invitation.revoke", { org: await getOrganisation(tx, p.orgId) });
    const { membership, user } = await lockMembership(tx, p.orgId, p.membershipId);
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.orgId, p.orgId),
          eq(invitations.membershipId, membership.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (revoked.length === 0) throw new NotFoundError(`${user.email} has no open invitation to revoke.`);
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "invitation.revoked", target: user.email, subject: { email: user.email, name: personName(user) } });
    return { email: user.email };
  });
}

/** The newest invitation of each given member, as the Users page labels it. */
export async function invitationStatuses(
  db: Executor,
  orgId: string,
  membershipIds: string[],
  now = new Date(),
): Promise<Map<string, { status: MemberInvitationState; expiresAt: Date | null; sentAt: Date | null }>> {
  const out = new Map<string, { status: MemberInvitationState; expiresAt: Date | null; sentAt: Date | null }>();
  if (membershipIds.length === 0) return out;
  const rows = await db
    .selectDistinctOn([invitations.membershipId], {
      membershipId: invitations.membershipId,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), inArray(invitations.membershipId, membershipIds)))
    .orderBy(invitations.membershipId, desc(invitations.createdAt));
  for (const r of rows) {
    const status: MemberInvitationState = r.revokedAt ? "revoked" : r.acceptedAt ? "none" : r.expiresAt <= now ? "expired" : "pending";
    out.set(r.membershipId, { status, expiresAt: r.expiresAt, sentAt: r.createdAt });
  }
  return out;
}
