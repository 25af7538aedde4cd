import { and, eq, gt, isNull } from "drizzle-orm";
import { actorLabel, actorUserId, type Actor } from "@/lib/audit/actor";
import { newSecret, sha256 } from "@/lib/crypto";
import type { Executor } from "@/lib/db";
import { invitations, type Membership, type User } from "@/lib/db/schema";
import { enqueueEmail } from "@/lib/email/outbox";
import { invitationEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";

export const INVITATION_TTL_DAYS = 14;

export interface IssueInvitationInput {
  org: { id: string; name: string };
  membershipId: string;
  email: string;
  recipientName: string | null;
  actor: Actor;
  /**
   * Record the invitation as already revoked and send nothing: for a member the
   * IdP provisions disabled. Reactivation issues a working one (ensureOpenInvitation).
   */
  revoked?: boolean;
  /** The membership was created in this transaction: there is no earlier invitation to revoke (saves a statement). */
  firstForMember?: boolean;
}

/**
 * Creates a single-use invitation and queues its email, in the caller's
 * transaction. Any earlier open invitation of the member is revoked so that
 * only the newest link works. Returns the token (it is stored only hashed).
 */
export async function issueInvitation(tx: Executor, input: IssueInvitationInput): Promise<{ token: string; expiresAt: Date }> {
  const now = new Date();
  if (!input.firstForMember) {
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.membershipId, input.membershipId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
  }
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  await tx.insert(invitations).values({
    orgId: input.org.id,
    membershipId: input.membershipId,
    tokenHash: sha256(token),
    invitedBy: actorUserId(input.actor),
    expiresAt,
    revokedAt: input.revoked ? now : null,
  });
  if (input.revoked) return { token, expiresAt };
  const inviterLabel = input.actor.kind === "scim" ? `${input.org.name}'s identity provider` : actorLabel(input.actor);
  await enqueueEmail(tx, {
    orgId: input.org.id,
    kind: "invitation",
    to: input.email,
    ...invitationEmail({
      orgName: input.org.name,
      inviterLabel,
      recipientName: input.recipientName,
      url: `${env().APP_URL}/invitations/${token}`,
      expiresAt,
    }),
  });
  return { token, expiresAt };
}

/** Issues an invitation unless the member has one that still works (not used, revoked or expired). */
export async function ensureOpenInvitation(
  tx: Executor,
  p: { org: { id: string; name: string }; membership: Membership; user: User; actor: Actor },
): Promise<void> {
  const [open] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.membershipId, p.membership.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (open) return;
  await issueInvitation(tx, {
    org: p.org,
    membershipId: p.membership.id,
    email: p.user.email,
    recipientName: [p.user.givenName, p.user.familyName].filter(Boolean).join(" ") || null,
    actor: p.actor,
  });
}
