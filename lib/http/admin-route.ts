import type { z } from "zod";
import { asAdmin, type AdminViewer } from "@/lib/auth/viewer";
import { sessionRoute, type BodyOf, type SessionContext } from "./session-route";

export type AdminContext<P, B> = SessionContext<AdminViewer, P, B>;

/**
 * An admin API route (see sessionRoute): the policy's "console.open" first
 * (owners and admins, checked on the server whatever the UI shows), and the
 * domain functions ask it again about the change itself.
 */
export function adminRoute<P extends Record<string, string>, S extends z.ZodType | undefined = undefined>(
  schema: S,
  handler: (ctx: AdminContext<P, BodyOf<S>>) => Promise<unknown>,
  /** A larger body limit for the few routes that take a document (an IdP's SAML metadata). */
  options: { maxBodyBytes?: number } = {},
) {
  return sessionRoute(asAdmin, schema, handler, options);
}
