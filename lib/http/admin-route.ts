import type { z } from "zod";
import { isAdminRole, type AdminViewer, type Viewer } from "@/lib/auth/viewer";
import { HttpError } from "./errors";
import { sessionRoute, type BodyOf, type SessionContext } from "./session-route";

export type AdminContext<P, B> = SessionContext<AdminViewer, P, B>;

/** Owners and admins of an organisation, checked on the server whatever the UI shows. */
function asAdmin(viewer: Viewer): AdminViewer {
  if (!viewer.org || !viewer.membership || !isAdminRole(viewer.membership) || viewer.membership.state !== "active") {
    throw new HttpError(403, "forbidden", "Only owners and admins of the organisation can do this.");
  }
  return viewer as AdminViewer;
}

/** An admin API route (see sessionRoute); the domain functions check the role again. */
export function adminRoute<P extends Record<string, string>, S extends z.ZodType | undefined = undefined>(
  schema: S,
  handler: (ctx: AdminContext<P, BodyOf<S>>) => Promise<unknown>,
  /** A larger body limit for the few routes that take a document (an IdP's SAML metadata). */
  options: { maxBodyBytes?: number } = {},
) {
  return sessionRoute(asAdmin, schema, handler, options);
}
