import { and, eq } from "drizzle-orm";
import { recordSignIn, type SignInEntry } from "@/lib/audit/sign-ins";
import type { Executor } from "@/lib/db";
import { invitations, memberships } from "@/lib/db/schema";
import { findAccountByEmail } from "@/lib/orgs/accounts";
import { invitationStatus, latestOpenInvitation, markInvitationAccepted } from "@/lib/orgs/invitations";
import { lockMembership, markMemberJoined } from "@/lib/orgs/lifecycle";
import { countSamlAccepted, countSamlRefused } from "@/lib/metrics/saml";
import { refusalUrl, type SsoRefusal } from "@/lib/sso/refusals";
import { isUuid } from "@/lib/validation";

export type SsoDecision =
  | { allowed: true; userId: string; joined: boolean }
  | { allowed: false; reason: SsoRefusal; orgId: string };

/**
 * PRODUCT.md sign-in rules for a person the organisation's IdP vouched for.
 * Only members of that organisation may sign in through its connection; the
 * IdP is authoritative for its organisation, so its email identifies the
 * account. An invited member with a valid invitation joins here (invited →
 * active: the seat reserved at provisioning is now filled). Roles and groups
 * in the assertion are never read. All in one transaction, with the
 * membership row locked, so a parallel deactivation cannot slip in between.
 *
 * `invitationTokenHash` is set when the person came through an invitation's
 * Accept button: that invitation must then be theirs.
 */
export async function admitSsoSignIn(
  db: Executor,
  p: { orgId: string; email: string | null | undefined; invitationTokenHash?: string | null },
): Promise<SsoDecision> {
  if (!isUuid(p.orgId)) return { allowed: false, reason: "unknown", orgId: p.orgId };
  const email = p.email;
  // Every outcome goes into the audit trail, in the transaction that decided it.
  return db.transaction(async (tx) => {
    type Who = Pick<SignInEntry, "user" | "membershipId" | "displayName">;
    const refuse = async (reason: SsoRefusal, who: Who = {}): Promise<SsoDecision> => {
      await recordSignIn(tx, { orgId: p.orgId, action: "signin.refused", email: email ?? "(no email sent)", ...who, details: { reason, method: "sso" } });
      return { allowed: false, reason, orgId: p.orgId };
    };
    if (!email) return refuse("no_email");
    const account = await findAccountByEmail(tx, email);
    if (!account) return refuse("unknown");
    const [m] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, account.id), eq(memberships.orgId, p.orgId)));
    if (!m) return refuse("not_member", { user: account });
    const { membership, user } = await lockMembership(tx, p.orgId, m.id);
    const who: Who = { user, membershipId: membership.id, displayName: membership.displayName };
    if (membership.state === "deactivated") return refuse("deactivated", who);
    const admitted = async (joined: boolean): Promise<SsoDecision> => {
      await recordSignIn(tx, { orgId: p.orgId, action: "signin.sso", email: user.email, ...who });
      return { allowed: true, userId: user.id, joined };
    };

    let invitation = undefined;
    if (p.invitationTokenHash) {
      [invitation] = await tx.select().from(invitations).where(eq(invitations.tokenHash, p.invitationTokenHash));
      if (!invitation || invitation.membershipId !== membership.id) return refuse("wrong_person", who);
    }
    if (membership.state === "active") return admitted(false);

    invitation ??= await latestOpenInvitation(tx, membership.id);
    if (!invitation) return refuse("invitation_missing", who);
    const status = invitationStatus(invitation, membership);
    if (status === "revoked") return refuse("invitation_revoked", who);
    if (status === "expired") return refuse("invitation_expired", who);
    if (status !== "valid") return refuse("invitation_missing", who);
    await markInvitationAccepted(tx, { invitation, user });
    await markMemberJoined(tx, { orgId: p.orgId, membershipId: membership.id });
    return admitted(true);
  });
}

/**
 * Where a refused SAML sign-in sends the browser (the page that says why),
 * counted by its reason: the sign-in rules' refusals and those of the flows
 * around them (someone else signed in, an identity linked to another account).
 */
export function ssoRefusalUrl(reason: SsoRefusal | "other_session", orgId: string | null): string {
  countSamlRefused(reason);
  return refusalUrl(reason, orgId);
}

/** Jackson would not redeem an IdP-initiated sign-in's code: the same refusal page as a response Jackson refused at the ACS. */
export function ssoRejectedUrl(): string {
  countSamlRefused("rejected");
  return refusalUrl("saml", null, "rejected");
}

/** The sign-in rules let the person in: the flow starts their session next. */
export function ssoAdmitted(): true {
  countSamlAccepted();
  return true;
}
