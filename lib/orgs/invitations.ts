import { and, desc, eq, isNull } from "drizzle-orm";
import { actorLabel, actorUserId, type Actor } from "@/lib/audit/actor";
import { personName, recordAudit } from "@/lib/audit/log";
import { newSecret, sha256 } from "@/lib/crypto";
import type { Executor } from "@/lib/db";
import { together } from "@/lib/db/together";
import { invitations, memberships, organisations, users, type Invitation, type Membership, type Organisation, type User } from "@/lib/db/schema";
import { enqueueEmail, type OutboxInput } from "@/lib/email/outbox";
import { invitationEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";

const INVITATION_TTL_DAYS = 14;

export interface IssueInvitationInput {
  org: { id: string; name: string };
  membershipId: string;
  email: string;
  recipientName: string | null;
  actor: Actor;
  /**
   * Record the invitation as already revoked and send nothing: for a member the
   * IdP provisions disabled. Reactivation issues a working one (lib/orgs/member-profile.ts).
   */
  revoked?: boolean;
  /** The membership was created in this transaction: there is no earlier invitation to revoke (saves a statement). */
  firstForMember?: boolean;
}

/**
 * An invitation ready to be written: its token (shown only in the email),
 * the row's values, and the email to queue (none when the invitation is
 * recorded revoked). Pure, so that the statement that creates a member
 * (lib/orgs/new-member.ts) and issueInvitation write the same thing.
 */
export interface PreparedInvitation {
  token: string;
  tokenHash: string;
  invitedBy: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  email?: OutboxInput;
}

export function prepareInvitation(input: Omit<IssueInvitationInput, "firstForMember" | "membershipId">, now = new Date()): PreparedInvitation {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  const row = { token, tokenHash: sha256(token), invitedBy: actorUserId(input.actor), expiresAt, revokedAt: input.revoked ? now : null };
  if (input.revoked) return row;
  const inviterLabel = input.actor.kind === "scim" ? `${input.org.name}'s identity provider` : actorLabel(input.actor);
  return {
    ...row,
    email: {
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
    },
  };
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
  const prepared = prepareInvitation(input, now);
  const record = tx.insert(invitations).values({
    orgId: input.org.id,
    membershipId: input.membershipId,
    tokenHash: prepared.tokenHash,
    invitedBy: prepared.invitedBy,
    expiresAt: prepared.expiresAt,
    revokedAt: prepared.revokedAt,
  });
  // The email row does not refer to the invitation row: both go in one round trip.
  await together(record.then(() => undefined), prepared.email ? enqueueEmail(tx, prepared.email) : Promise.resolve());
  return { token: prepared.token, expiresAt: prepared.expiresAt };
}

/** What an invitation link is worth right now; each state has its own page (app/(auth)/invitations/[token]). */
export type InvitationStatus = "valid" | "expired" | "revoked" | "accepted" | "deactivated" | "not_found";

export interface InvitationLookup {
  status: InvitationStatus;
  invitation?: Invitation;
  membership?: Membership;
  user?: User;
  org?: Organisation;
  inviter?: { email: string; name: string | null } | null;
}

/** Tokens are stored only as SHA-256; a link is looked up by the hash of what it carries. */
export const invitationTokenHash = (token: string) => sha256(token);

export function invitationStatus(inv: Invitation, membership: Membership, now = new Date()): InvitationStatus {
  if (inv.acceptedAt || membership.state === "active") return "accepted";
  if (membership.state === "deactivated") return "deactivated";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

export async function lookupInvitation(db: Executor, tokenHash: string): Promise<InvitationLookup> {
  // A real token is 43 characters of base64url; anything else cannot match and is not looked up.
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) return { status: "not_found" };
  const [row] = await db
    .select({ invitation: invitations, membership: memberships, user: users, org: organisations })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash));
  if (!row) return { status: "not_found" };
  let inviter: InvitationLookup["inviter"] = null;
  if (row.invitation.invitedBy) {
    const [u] = await db.select().from(users).where(eq(users.id, row.invitation.invitedBy));
    if (u) inviter = { email: u.email, name: [u.givenName, u.familyName].filter(Boolean).join(" ") || null };
  }
  return { status: invitationStatus(row.invitation, row.membership), ...row, inviter };
}

/** The member's newest invitation that was neither accepted nor replaced (it may have expired). */
export async function latestOpenInvitation(db: Executor, membershipId: string): Promise<Invitation | undefined> {
  const [inv] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.membershipId, membershipId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt))
    .limit(1);
  return inv;
}

/**
 * Marks the invitation used, in the caller's transaction (which also makes
 * the member active, lib/orgs/lifecycle.ts markMemberJoined). Single use:
 * the update only matches an invitation nobody accepted yet.
 */
export async function markInvitationAccepted(tx: Executor, p: { invitation: Invitation; user: User }): Promise<boolean> {
  const done = await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.id, p.invitation.id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  if (done.length === 0) return false;
  await recordAudit(tx, {
    orgId: p.invitation.orgId,
    // Only recorded, never authorized: accepting is the invitee's own act (lib/auth/accept-invitation.ts).
    actor: { kind: "user", userId: p.user.id, email: p.user.email, membership: null },
    action: "invitation.accepted",
    target: p.user.email,
    subject: { id: p.invitation.membershipId, email: p.user.email, name: personName(p.user) },
  });
  return true;
}
