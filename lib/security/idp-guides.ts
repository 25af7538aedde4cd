/**
 * The setup guides on the Security page, one per identity provider, as data
 * (one file each in lib/security/guides/): one component renders them all, so
 * a label Okta renames is a one-line fix in okta.ts, and every guide shows the
 * same values (from the page, never typed by hand) with the same copy buttons.
 * Step text uses the IdP's own UI labels, in **bold**, so an admin can find
 * them on screen.
 */
import { entra } from "./guides/entra";
import { google } from "./guides/google";
import { jumpcloud } from "./guides/jumpcloud";
import { okta } from "./guides/okta";
import { onelogin } from "./guides/onelogin";
import { scim } from "./guides/scim";
import { IDP_IDS, type IdpGuide, type IdpId } from "./guides/types";

export { IDP_IDS, type GuideStep, type GuideValue, type IdpGuide, type IdpId } from "./guides/types";

const GUIDES: Record<IdpId, IdpGuide> = { okta, entra, onelogin, jumpcloud, google, scim };

export const guideFor = (id: IdpId): IdpGuide => GUIDES[id];
export const allGuides = (): IdpGuide[] => IDP_IDS.map((id) => GUIDES[id]);
export const isIdpId = (v: string): v is IdpId => (IDP_IDS as readonly string[]).includes(v);

/** Entra asks for this flag on the Tenant URL: it switches on its RFC-compliant SCIM behaviour. */
export const ENTRA_SCIM_FLAG = "aadOptscim062020";

/** The SCIM base URL as this IdP wants it pasted. */
export function scimBaseUrlFor(id: IdpId, baseUrl: string): string {
  return id === "entra" ? `${baseUrl}?${ENTRA_SCIM_FLAG}` : baseUrl;
}
