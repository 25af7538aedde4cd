import { eq } from "drizzle-orm";
import { recordSignIn } from "@/lib/audit/sign-ins";
import type { Executor } from "@/lib/db";
import { memberships, organisations } from "@/lib/db/schema";
import { findAccountByEmail } from "@/lib/orgs/accounts";

export type SignInRefusal = "unknown" | "deactivated" | "invited" | "sso_required";

export type SignInDecision =
  | { allowed: true; userId: string }
  | { allowed: false; reason: SignInRefusal; orgName?: string };

async function membershipOf(db: Executor, userId: string) {
  const [m] = await db
    .select({
      id: memberships.id,
      displayName: memberships.displayName,
      state: memberships.state,
      role: memberships.role,
      orgId: organisations.id,
      orgName: organisations.name,
      ssoConfiguredAt: organisations.ssoConfiguredAt,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId));
  return m;
}

/**
 * Who may get a magic link. Only existing accounts (Roster has no
 * self-service sign-up: people come through provisioning or an invitation);
 * not a deactivated member; not an invited member, who joins by accepting
 * the invitation first; and, once the organisation has SSO, only its owner
 * and admins — the break-glass way in when the IdP is down or misconfigured.
 * Plain members of an SSO organisation sign in through their IdP.
 */
export async function magicLinkDecision(db: Executor, email: string): Promise<SignInDecision> {
  const user = await findAccountByEmail(db, email);
  if (!user) return { allowed: false, reason: "unknown" };
  const m = await membershipOf(db, user.id);
  if (m?.state === "deactivated") return { allowed: false, reason: "deactivated", orgName: m.orgName };
  if (m?.state === "invited") return { allowed: false, reason: "invited", orgName: m.orgName };
  if (m?.ssoConfiguredAt && m.role === "user") return { allowed: false, reason: "sso_required", orgName: m.orgName };
  return { allowed: true, userId: user.id };
}

/**
 * A magic link being used (next-auth's callback): the same rules, and the
 * outcome in the member's organisation's audit trail. An owner or admin
 * using the link while the organisation has SSO is the break-glass way in,
 * and recorded as such. Someone with no organisation has no trail to write to.
 */
export async function admitMagicLinkSignIn(db: Executor, email: string): Promise<SignInDecision> {
  const decision = await magicLinkDecision(db, email);
  const user = await findAccountByEmail(db, email);
  const m = user && (await membershipOf(db, user.id));
  if (!user || !m) return decision;
  const who = { orgId: m.orgId, email: user.email, user, membershipId: m.id, displayName: m.displayName };
  if (!decision.allowed) await recordSignIn(db, { ...who, action: "signin.refused", details: { reason: decision.reason, method: "email_link" } });
  else await recordSignIn(db, { ...who, action: m.ssoConfiguredAt ? "signin.break_glass" : "signin.email_link" });
  return decision;
}

export type SignInRoute = { method: "sso"; orgId: string; orgName: string } | { method: "email" };

/**
 * The sign-in page's first question: does this address sign in through an
 * IdP? Yes for every member (whatever their state) of an organisation with
 * SSO, so the answer does not reveal whether a member is deactivated or
 * invited; the IdP round trip and the rules above decide. Every other
 * address gets the email path, which answers the same whether or not an
 * account exists.
 */
export async function signInRoute(db: Executor, email: string): Promise<SignInRoute> {
  const user = await findAccountByEmail(db, email);
  if (!user) return { method: "email" };
  const m = await membershipOf(db, user.id);
  if (m?.ssoConfiguredAt) return { method: "sso", orgId: m.orgId, orgName: m.orgName };
  return { method: "email" };
}

export function refusalMessage(d: { reason: SignInRefusal; orgName?: string }): string {
  switch (d.reason) {
    case "deactivated":
      return `Your account in ${d.orgName ?? "your organisation"} is deactivated. Contact your administrator.`;
    case "invited":
      return `You have been invited to ${d.orgName ?? "an organisation"}. Open the invitation email and accept it to sign in.`;
    case "unknown":
      return "There is no Roster account for this address. Ask your administrator for an invitation.";
    case "sso_required":
      return `${d.orgName ?? "Your organisation"} signs in with single sign-on. Enter your work email and continue to your identity provider.`;
  }
}
