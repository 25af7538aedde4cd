import { z } from "zod";
import { isDomainError, type DomainErrorCode } from "@/lib/errors";
import { log } from "@/lib/log/logger";

/** How the admin API (JSON for Roster's own pages) reports domain errors. */
const STATUS: Record<DomainErrorCode, number> = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  forbidden: 403,
  seat_limit: 409,
  scim_managed: 403,
  owner_protected: 403,
  precondition_failed: 412,
  deprovision_held: 429,
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** `requestId`, when the route has one, finds the server's log line from a 500 the browser showed. */
export function errorResponse(e: unknown, requestId?: string): Response {
  if (e instanceof HttpError) return jsonError(e.status, e.code, e.message);
  if (isDomainError(e)) return jsonError(STATUS[e.code], e.code, e.message);
  if (e instanceof z.ZodError) {
    const first = e.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return jsonError(400, "invalid", `${where}${first?.message ?? "Invalid request"}`);
  }
  // Unknown errors are bugs: log them server-side, leak nothing to the caller.
  log().error({ reqId: requestId, err: e }, "unhandled error in Roster's API");
  const ref = requestId ? ` (request ${requestId})` : "";
  return jsonError(500, "internal", `Something went wrong on our side${ref}. Try again; if it persists, contact support.`);
}
