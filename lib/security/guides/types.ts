/** The shape of a setup guide (lib/security/idp-guides.ts lists them; one file per IdP beside this one). */
export const IDP_IDS = ["okta", "entra", "onelogin", "jumpcloud", "google", "scim"] as const;
export type IdpId = (typeof IDP_IDS)[number];

/** A value the admin pastes into the IdP: Roster's own (filled in by the page) or a fixed choice. */
export type GuideValue =
  | { label: string; from: "acsUrl" | "entityId" | "metadataUrl" | "scimBaseUrl" | "token" }
  | { label: string; text: string };

export interface GuideStep {
  title: string;
  /** Sentences; `**label**` marks the IdP's own words for a button, tab or field. */
  body: string;
  values?: GuideValue[];
}

interface ScimGuide {
  supported: true;
  steps: GuideStep[];
  /** The provisioning features to switch on, in the IdP's words. */
  features: string[];
}

interface NoScim {
  supported: false;
  /** Why, said plainly, and what to do instead. */
  reason: string;
}

export interface IdpGuide {
  id: IdpId;
  name: string;
  /** Shown under the picker: what kind of application this guide creates in the IdP. */
  summary: string;
  sso: GuideStep[];
  scim: ScimGuide | NoScim;
  pitfalls: string[];
  /** The last step, checked off by the live panel: what the admin does to make the IdP send its first request. */
  firstRequest: string;
}

/** Where every SSO guide sends the IdP's metadata, in the words of Roster's own form. */
export const ON_SECURITY_PAGE = "Roster's Security page under **Add your identity provider's metadata**";
export const HTTP_HEADER: GuideValue = { label: "Authentication Mode", text: "HTTP Header" };
export const USER_NAME: GuideValue = { label: "Unique identifier field for users", text: "userName" };
