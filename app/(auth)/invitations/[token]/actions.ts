"use server";

import { redirect } from "next/navigation";
import type { AcceptResult } from "@/components/accept-invitation-button";
import { acceptInvitationDirectly } from "@/lib/auth/accept-invitation";
import { rememberInvitation } from "@/lib/auth/invitation-cookie";
import { SSO_PRODUCT } from "@/lib/sso/jackson";
import { startSession } from "@/lib/auth/session-cookie";
import { getDb } from "@/lib/db";
import { invitationTokenHash, lookupInvitation } from "@/lib/orgs/invitations";

/**
 * The Accept button. With SSO, the acceptance is completed by the first SSO
 * sign-in (lib/auth/sso-sign-in.ts): remember which invitation this is and
 * hand the browser to the IdP. Without SSO, the emailed link is proof enough:
 * join and sign in now.
 */
export async function acceptInvitation(token: string): Promise<AcceptResult> {
  const db = await getDb();
  const hash = invitationTokenHash(String(token));
  const found = await lookupInvitation(db, hash);
  if (found.status !== "valid" || !found.org || !found.user) {
    return { kind: "refused", message: "This invitation can no longer be accepted. Reload the page to see why." };
  }
  if (found.org.ssoConfiguredAt) {
    await rememberInvitation(hash);
    return { kind: "sso", tenant: found.org.id, product: SSO_PRODUCT, email: found.user.email };
  }
  const accepted = await acceptInvitationDirectly(db, hash);
  if (!accepted.ok) return { kind: "refused", message: "This invitation can no longer be accepted. Reload the page to see why." };
  await startSession(accepted.userId);
  redirect("/");
}
