import type { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import type { EventTypeOwner } from "@/lib/events/event-types";
import { sessionRoute, type BodyOf, type SessionContext } from "./session-route";

export interface MemberContext<P, B> extends SessionContext<Viewer, P, B> {
  /** Whose event types the caller may change: their own, in their organisation or personal. */
  owner: EventTypeOwner;
}

/**
 * A route a signed-in person calls about their own things (event types,
 * working hours); a deactivated member has no session, so never gets here.
 */
export function memberRoute<P extends Record<string, string>, S extends z.ZodType | undefined = undefined>(
  schema: S,
  handler: (ctx: MemberContext<P, BodyOf<S>>) => Promise<unknown>,
) {
  return sessionRoute<Viewer, P, S>((viewer) => viewer, schema, (ctx) =>
    handler({
      ...ctx,
      owner: { userId: ctx.viewer.user.id, membershipId: ctx.viewer.membership?.id ?? null, orgId: ctx.viewer.org?.id ?? null },
    }),
  );
}
