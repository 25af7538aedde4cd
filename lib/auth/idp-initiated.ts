import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { findAccountByEmail } from "@/lib/orgs/accounts";
import { acceptedInvitationHash, forgetInvitation } from "./invitation-cookie";
import { clientSecretVerifier, getJackson, samlRedirects } from "@/lib/sso/jackson";
import { currentSessionUserId, startSession } from "./session-cookie";
import { admitSsoSignIn, ssoAdmitted, ssoRefusalUrl, ssoRejectedUrl } from "./sso-sign-in";

interface IdpProfile {
  email?: string;
  requested?: { tenant?: string; isIdPFlow?: boolean };
}

/**
 * IdP-initiated sign-in, after Roster's ACS let the unsolicited response
 * through (only for organisations that allow it) and Jackson redirected here
 * with a one-time code. next-auth's OAuth provider cannot take a sign-in it
 * did not start (its state check fails), so Roster redeems the code with
 * Jackson in-process, applies the same sign-in rules, and starts the same
 * kind of database session. Returns where to send the browser.
 */
export async function completeIdpInitiatedSignIn(code: string | null): Promise<string> {
  const appUrl = env().APP_URL;
  if (!code) return `${appUrl}/login`;
  const jackson = await getJackson();
  let profile: IdpProfile;
  try {
    const token = await jackson.oauthController.token({
      grant_type: "authorization_code",
      client_id: "dummy",
      client_secret: clientSecretVerifier(),
      code,
      redirect_uri: samlRedirects(appUrl).idpInitiatedUrl,
    });
    profile = (await jackson.oauthController.userInfo(token.access_token)) as IdpProfile;
  } catch {
    return `${appUrl}${ssoRejectedUrl()}`;
  }
  // Codes of SP-initiated sign-ins are bound to next-auth's PKCE verifier and fail above; this is belt and braces.
  if (!profile.requested?.isIdPFlow) return `${appUrl}${ssoRejectedUrl()}`;
  const orgId = profile.requested.tenant ?? "";
  const db = await getDb();
  const invitationTokenHash = await acceptedInvitationHash();
  await forgetInvitation();
  const account = profile.email ? await findAccountByEmail(db, profile.email) : undefined;
  const current = await currentSessionUserId();
  if (current && current !== account?.id) return `${appUrl}${ssoRefusalUrl("other_session", orgId)}`;
  const decision = await admitSsoSignIn(db, { orgId, email: profile.email, invitationTokenHash });
  if (!decision.allowed) return `${appUrl}${ssoRefusalUrl(decision.reason, decision.orgId)}`;
  ssoAdmitted();
  if (current !== decision.userId) await startSession(decision.userId);
  return `${appUrl}/`;
}
