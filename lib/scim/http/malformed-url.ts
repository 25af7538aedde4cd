import { errorBody, ScimError } from "../errors";

/**
 * A SCIM path whose percent-encoding is not valid UTF-8 (`/Users/%ED%A0%80`,
 * `/Users/%ZZ`) makes Next.js fail to route it, and it answers a plain-text
 * 500 before any route handler runs. The proxy (proxy.ts) sends such paths
 * here first and answers a SCIM 400 instead; paths that decode are left to
 * the routes. No such path can name anything Roster has.
 */
export function malformedScimPath(pathname: string): Response | undefined {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return undefined;
  } catch {
    const e = new ScimError(400, "The request's path is not valid percent-encoded UTF-8, so it names no SCIM resource. Encode ids and names as UTF-8.");
    return new Response(JSON.stringify(errorBody(e)), { status: 400, headers: { "Content-Type": "application/scim+json", "Cache-Control": "no-store" } });
  }
}
