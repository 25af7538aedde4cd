import type { z } from "zod";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { getDb, type Db } from "@/lib/db";
import type { EventTypeOwner } from "@/lib/events/event-types";
import { isSameOrigin } from "./csrf";
import { errorResponse, HttpError } from "./errors";

export interface MemberContext<P, B> {
  viewer: Viewer;
  /** Whose event types the caller may change: their own, in their organisation or personal. */
  owner: EventTypeOwner;
  params: P;
  body: B;
  db: Db;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Wraps a JSON route a signed-in person calls about their own things (event
 * types, working hours): same-origin check, a live session (a deactivated
 * member has none), zod-validated body, domain errors as JSON.
 */
export function memberRoute<P extends Record<string, string>, S extends z.ZodType | undefined = undefined>(
  schema: S,
  handler: (ctx: MemberContext<P, S extends z.ZodType ? z.infer<S> : undefined>) => Promise<unknown>,
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      if (req.method !== "GET" && !isSameOrigin(req)) throw new HttpError(403, "cross_site", "Cross-site request refused.");
      const viewer = await getViewer();
      if (!viewer) throw new HttpError(401, "unauthenticated", "Sign in first.");
      let body: unknown = undefined;
      if (schema) {
        const raw = await req.text();
        if (raw.length > MAX_BODY_BYTES) throw new HttpError(413, "too_large", "Request body too large.");
        try {
          body = schema.parse(raw ? JSON.parse(raw) : {});
        } catch (e) {
          if (e instanceof SyntaxError) throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
          throw e;
        }
      }
      const owner: EventTypeOwner = {
        userId: viewer.user.id,
        membershipId: viewer.membership?.id ?? null,
        orgId: viewer.org?.id ?? null,
      };
      const result = await handler({
        viewer,
        owner,
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
