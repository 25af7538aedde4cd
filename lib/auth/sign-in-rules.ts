import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { memberships, organisations } from "@/lib/db/schema";
import { findAccountByEmail } from "@/lib/orgs/accounts";

export type SignInRefusal = "unknown" | "deactivated" | "invited";

export type SignInDecision =
  | { allowed: true; userId: string }
  | { allowed: false; reason: SignInRefusal; orgName?: string };

/**
 * Who may get a magic link. Only existing accounts (Roster has no
 * self-service sign-up: people come through provisioning or an invitation);
 * not a deactivated member; and not an invited member, who joins by
 * accepting the invitation first.
 */
export async function magicLinkDecision(db: Executor, email: string): Promise<SignInDecision> {
  const user = await findAccountByEmail(db, email);
  if (!user) return { allowed: false, reason: "unknown" };
  const [m] = await db
    .select({ state: memberships.state, orgName: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, user.id));
  if (m?.state === "deactivated") return { allowed: false, reason: "deactivated", orgName: m.orgName };
  if (m?.state === "invited") return { allowed: false, reason: "invited", orgName: m.orgName };
  return { allowed: true, userId: user.id };
}

export function refusalMessage(d: { reason: SignInRefusal; orgName?: string }): string {
  switch (d.reason) {
    case "deactivated":
      return `Your account in ${d.orgName ?? "your organisation"} is deactivated. Contact your administrator.`;
    case "invited":
      return `You have been invited to ${d.orgName ?? "an organisation"}. Open the invitation email and accept it to sign in.`;
    case "unknown":
      return "There is no Roster account for this address. Ask your administrator for an invitation.";
  }
}
