import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { invitations } from "@/lib/db/schema";
import { invitationStatus, lookupInvitation, markInvitationAccepted, type InvitationStatus } from "@/lib/orgs/invitations";
import { lockMembership, markMemberJoined } from "@/lib/orgs/lifecycle";

export type DirectAcceptance = { ok: true; userId: string } | { ok: false; status: InvitationStatus | "sso" };

/**
 * Accepting an invitation of an organisation WITHOUT single sign-on: the
 * link came by email to the invited address, so — like a magic link — it
 * proves the person controls that address. The invitation is used up and the
 * member becomes active in one transaction (membership locked, so two clicks
 * cannot both win). Organisations with SSO refuse this path: their people
 * join through their IdP (lib/auth/sso-sign-in.ts).
 */
export async function acceptInvitationDirectly(db: Executor, tokenHash: string): Promise<DirectAcceptance> {
  const found = await lookupInvitation(db, tokenHash);
  if (found.status !== "valid" || !found.invitation || !found.membership || !found.org) {
    return { ok: false, status: found.status };
  }
  if (found.org.ssoConfiguredAt) return { ok: false, status: "sso" };
  const { invitation, org } = found;
  return db.transaction(async (tx) => {
    const { membership, user } = await lockMembership(tx, org.id, invitation.membershipId);
    const [fresh] = await tx.select().from(invitations).where(eq(invitations.id, invitation.id));
    const status = fresh ? invitationStatus(fresh, membership) : "not_found";
    if (!fresh || status !== "valid") return { ok: false, status };
    if (!(await markInvitationAccepted(tx, { invitation: fresh, user }))) return { ok: false, status: "accepted" };
    await markMemberJoined(tx, { orgId: org.id, membershipId: membership.id });
    return { ok: true, userId: user.id };
  });
}
