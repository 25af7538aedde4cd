/**
 * Organisation slugs are the first segment of public booking URLs
 * (/<org>/<member>), so they must never shadow one of Roster's own top-level
 * routes, today's or ones we are likely to add.
 */
const RESERVED_ORG_SLUGS: ReadonlySet<string> = new Set([
  "_next",
  "about",
  "account",
  "admin",
  "api",
  "app",
  "assets",
  "auth",
  "billing",
  "book",
  "booking",
  "bookings",
  "dashboard",
  "dev",
  "docs",
  "favicon-ico",
  "help",
  "invitations",
  "invite",
  "login",
  "logout",
  "me",
  "oauth",
  "public",
  "robots-txt",
  "saml",
  "scim",
  "settings",
  "signin",
  "signup",
  "sitemap-xml",
  "sso",
  "static",
  "status",
  "support",
  "well-known",
]);

export const isReservedOrgSlug = (slug: string) => RESERVED_ORG_SLUGS.has(slug);
