import type { AcsRefusalCode } from "@/lib/sso/saml-response";

/** Why the sign-in rules refused a person the IdP vouched for (lib/auth/sso-sign-in.ts). */
export type SsoRefusal =
  | "unknown"
  | "not_member"
  | "deactivated"
  | "invitation_expired"
  | "invitation_revoked"
  | "invitation_missing"
  | "wrong_person"
  | "no_email";

/**
 * The refusal page (/login/refused) and what it says. The URL carries only
 * a reason code and the organisation's id, never a name or an address: the
 * page looks the organisation up itself, so a crafted link cannot put words
 * in Roster's mouth, and no email lands in a server log.
 */
export type RefusalReason = SsoRefusal | "other_session" | "saml";

export const REFUSAL_REASONS: readonly RefusalReason[] = [
  "unknown",
  "not_member",
  "deactivated",
  "invitation_expired",
  "invitation_revoked",
  "invitation_missing",
  "wrong_person",
  "no_email",
  "other_session",
  "saml",
];

export function refusalUrl(reason: RefusalReason, orgId?: string | null, code?: string): string {
  const q = new URLSearchParams({ reason });
  if (orgId) q.set("org", orgId);
  if (code) q.set("code", code);
  return `/login/refused?${q}`;
}

export interface RefusalText {
  title: string;
  message: string;
}

export function refusalText(reason: RefusalReason, orgName: string | null, code?: string): RefusalText {
  const org = orgName ?? "this organisation";
  switch (reason) {
    case "deactivated":
      return { title: "Account deactivated", message: `Your account in ${org} is deactivated. Contact your administrator.` };
    case "unknown":
      return {
        title: "No Roster account",
        message: `${org}'s identity provider signed you in, but there is no Roster account for your address. Ask your administrator to add you.`,
      };
    case "not_member":
      return {
        title: "Not a member",
        message: `Your account is not a member of ${org}, so it cannot sign in through ${org}'s identity provider. Ask your administrator to add you.`,
      };
    case "invitation_expired":
      return { title: "Invitation expired", message: `Your invitation to ${org} has expired. Ask your administrator to send a new one.` };
    case "invitation_revoked":
      return {
        title: "Invitation replaced",
        message: `This invitation to ${org} was replaced by a newer one or withdrawn. Use the link in the most recent invitation email.`,
      };
    case "invitation_missing":
      return { title: "No invitation", message: `You have no open invitation to ${org}. Ask your administrator to send you one.` };
    case "wrong_person":
      return {
        title: "Wrong account",
        message: `This invitation was sent to someone else than the person ${org}'s identity provider signed in. Sign out of your identity provider and sign in as the invited person, or ask your administrator for an invitation to your own address.`,
      };
    case "no_email":
      return { title: "No email address", message: `${org}'s identity provider did not send your email address. Ask your administrator to check the SAML attribute mapping.` };
    case "other_session":
      return { title: "Signed in as someone else", message: "You are already signed in to Roster as another person in this browser. Sign out first, then try again." };
    case "saml":
      return { title: "Sign-in could not be verified", message: samlMessage(code) };
  }
}

const SAML_MESSAGES: Partial<Record<AcsRefusalCode | "rejected", string>> = {
  unsigned: "The identity provider's response was not signed.",
  bad_signature: "The identity provider's signature did not match the certificate configured for your organisation.",
  wrong_audience: "The identity provider's response was meant for another application.",
  wrong_recipient: "The identity provider's response was sent to another sign-in address.",
  expired: "The identity provider's response has expired.",
  not_yet_valid: "The identity provider's response is not valid yet; its clock may be wrong.",
  unsolicited: "The identity provider sent a sign-in that Roster did not ask for, and your organisation does not allow IdP-initiated sign-in.",
  unexpected_in_response_to: "The identity provider's response answers a sign-in request that was not started here.",
  in_response_to_mismatch: "The identity provider's response does not answer this sign-in request.",
  replayed: "This sign-in response was already used.",
  unknown_issuer: "Roster has no SSO connection for this identity provider.",
  encrypted: "The identity provider encrypted its assertion; Roster expects signed, unencrypted assertions.",
  idp_error: "The identity provider reported that the sign-in failed.",
};

function samlMessage(code: string | undefined): string {
  const what = (code && SAML_MESSAGES[code as AcsRefusalCode]) || "The identity provider's response could not be verified.";
  return `${what} Start again from the sign-in page; if it keeps happening, give your administrator this code: ${code ?? "unknown"}.`;
}
