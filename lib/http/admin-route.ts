import type { z } from "zod";
import { getViewer, isAdminRole, type AdminViewer } from "@/lib/auth/viewer";
import { getDb, type Db } from "@/lib/db";
import { isSameOrigin } from "./csrf";
import { errorResponse, HttpError } from "./errors";

export interface AdminContext<P, B> {
  req: Request;
  viewer: AdminViewer;
  params: P;
  body: B;
  db: Db;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Wraps an admin API handler: same-origin check (CSRF), a signed-in owner or
 * admin (checked here on the server, whatever the UI shows), a JSON body
 * validated by zod, and domain errors turned into JSON with the right status.
 * The handler holds only the happy path.
 */
export function adminRoute<P extends Record<string, string>, S extends z.ZodType | undefined = undefined>(
  schema: S,
  handler: (ctx: AdminContext<P, S extends z.ZodType ? z.infer<S> : undefined>) => Promise<unknown>,
  /** A larger body limit for the few routes that take a document (an IdP's SAML metadata). */
  options: { maxBodyBytes?: number } = {},
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      if (req.method !== "GET" && !isSameOrigin(req)) {
        throw new HttpError(403, "cross_site", "Cross-site request refused.");
      }
      const viewer = await getViewer();
      if (!viewer) throw new HttpError(401, "unauthenticated", "Sign in first.");
      if (!viewer.org || !viewer.membership || !isAdminRole(viewer.membership) || viewer.membership.state !== "active") {
        throw new HttpError(403, "forbidden", "Only owners and admins of the organisation can do this.");
      }
      let body: unknown = undefined;
      if (schema) {
        const raw = await req.text();
        if (raw.length > (options.maxBodyBytes ?? MAX_BODY_BYTES)) throw new HttpError(413, "too_large", "Request body too large.");
        try {
          body = schema.parse(raw ? JSON.parse(raw) : {});
        } catch (e) {
          if (e instanceof SyntaxError) throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
          throw e;
        }
      }
      const result = await handler({
        req,
        viewer: viewer as AdminViewer,
        params: await route.params,
        body: body as S extends z.ZodType ? z.infer<S> : undefined,
        db: await getDb(),
      });
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e);
    }
  };
}
