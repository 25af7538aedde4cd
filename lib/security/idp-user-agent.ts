import type { IdpId } from "./idp-guides";

/**
 * The IdP a SCIM request came from, by its User-Agent. Okta sends "Okta SCIM
 * Client 1.0.0" (../shared/scim/idp-requests.json); the others are matched on
 * the product name their clients carry, case-insensitively, so a version bump
 * does not matter. Unknown clients are "scim" (another SCIM 2.0 client).
 */
export function idpFromUserAgent(userAgent: string | null | undefined): IdpId | null {
  const ua = (userAgent ?? "").toLowerCase();
  if (!ua) return null;
  if (ua.includes("okta")) return "okta";
  if (/(azure|entra|microsoft|\baad\b)/.test(ua)) return "entra";
  if (ua.includes("onelogin")) return "onelogin";
  if (ua.includes("jumpcloud")) return "jumpcloud";
  if (ua.includes("google")) return "google";
  return "scim";
}
