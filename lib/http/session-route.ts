import type { z } from "zod";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { getDb, type Db } from "@/lib/db";
import { isSameOrigin } from "./csrf";
import { errorResponse, HttpError } from "./errors";
import { readJsonBody } from "./json-body";
import { observed } from "./observed";

export interface SessionContext<V, P, B> {
  req: Request;
  viewer: V;
  params: P;
  body: B;
  db: Db;
}

export type BodyOf<S> = S extends z.ZodType ? z.infer<S> : undefined;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The one wrapper behind Roster's own JSON routes (the pages' API): a
 * same-origin check for every mutation (CSRF), a live session, the caller's
 * right to act (`authorize` throws an HttpError otherwise), a JSON body
 * validated by zod, and domain errors turned into JSON with the right status;
 * and, through `observed`, the request id and the log line. Handlers hold
 * only the happy path.
 */
export function sessionRoute<V, P extends Record<string, string>, S extends z.ZodType | undefined>(
  authorize: (viewer: Viewer) => V,
  schema: S,
  handler: (ctx: SessionContext<V, P, BodyOf<S>>) => Promise<unknown>,
  options: { maxBodyBytes?: number } = {},
) {
  return observed(async (req: Request, route: { params: Promise<P> }, { requestId, notes }): Promise<Response> => {
    try {
      if (req.method !== "GET" && !isSameOrigin(req)) throw new HttpError(403, "cross_site", "Cross-site request refused.");
      const viewer = await getViewer();
      if (!viewer) throw new HttpError(401, "unauthenticated", "Sign in first.");
      notes.userId = viewer.user.id;
      notes.orgId = viewer.org?.id;
      const allowed = authorize(viewer);
      const body = schema ? await readJsonBody(req, schema, options.maxBodyBytes ?? MAX_BODY_BYTES) : undefined;
      const result = await handler({ req, viewer: allowed, params: await route.params, body: body as BodyOf<S>, db: await getDb() });
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e, requestId);
    }
  });
}
