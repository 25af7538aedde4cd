import type { ScimReply } from "./handler";

/**
 * ETags (RFC 7644 §3.14): every resource carries `meta.version` = W/"<n>",
 * where n is the row's version counter. If-Match makes a write conditional;
 * the comparison is weak (RFC 9110 §13.1.1), so W/"3" and "3" both match 3.
 */
export const etag = (version: number) => `W/"${version}"`;

/**
 * The version a conditional write expects: undefined when the header is
 * absent or `*`; -1 (never matches) for a tag Roster did not issue.
 */
export function expectedVersion(req: Request): number | undefined {
  const header = req.headers.get("if-match");
  if (!header || header.trim() === "*") return undefined;
  const first = header.split(",")[0]!.trim();
  const m = /^(?:W\/)?"(\d{1,9})"$/i.exec(first);
  return m ? Number(m[1]) : -1;
}

/** A GET's answer when the client's copy is current (If-None-Match): 304 with the ETag; null when the resource must be sent. */
export function notModifiedReply(req: Request, version: number): ScimReply | null {
  return notModified(req, version) ? { status: 304, headers: { ETag: etag(version) } } : null;
}

/** If-None-Match on a GET: true when the client's copy is current (answer 304). */
function notModified(req: Request, version: number): boolean {
  const header = req.headers.get("if-none-match");
  if (!header) return false;
  return header.split(",").some((t) => t.trim() === "*" || t.trim().replace(/^W\//i, "") === `"${version}"`);
}

/**
 * PATCH may answer 200 with the resource or 204 (RFC 7644 §3.5.2). RFC 7240
 * `Prefer: return=minimal|representation` decides when sent, and asking for
 * `attributes` or `excludedAttributes` means the resource is wanted. Otherwise
 * users are sent back to clients that ask for SCIM (Accept names
 * application/scim+json or application/json, as Okta and Entra do), and 204 to
 * clients that accept anything. Groups get 204 unless asked (`byAccept:
 * false`): their member list can be 10,000 entries long, and Okta and Entra
 * both document 204 for group PATCH (Entra discourages returning members).
 */
export function wantsRepresentation(req: Request, url: URL, { byAccept = true } = {}): boolean {
  const prefer = req.headers.get("prefer")?.toLowerCase() ?? "";
  if (prefer.includes("return=minimal")) return false;
  if (prefer.includes("return=representation")) return true;
  if (url.searchParams.has("attributes") || url.searchParams.has("excludedAttributes")) return true;
  if (!byAccept) return false;
  const accept = req.headers.get("accept")?.toLowerCase() ?? "";
  return accept.includes("application/scim+json") || accept.includes("application/json");
}
