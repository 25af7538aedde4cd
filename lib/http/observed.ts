import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/log/request-id";
import { logRequest } from "@/lib/log/request-line";

/** What a wrapped handler learnt about who asked, for the request's log line (ids only, never names or addresses). */
interface RequestNotes {
  userId?: string;
  orgId?: string;
  /** A sign-in sent to the refusal page: its reason (and SAML code), as the page shows them. */
  refused?: string;
}

interface Observed {
  requestId: string;
  notes: RequestNotes;
}

type Handler<C> = (req: Request, ctx: C, observed: Observed) => Promise<Response>;

/**
 * Around a route handler of Roster's own API (admin and member routes through
 * sessionRoute, the SAML ACS, the OAuth and next-auth endpoints, bookings):
 * the request id (an incoming sane X-Request-Id, else a new one) goes back as
 * X-Request-Id, and the answer gets its one log line. SCIM has the same in
 * its own wrapper (lib/scim/http/handler.ts), which also writes the
 * provisioning log.
 */
export function observed<C>(handler: Handler<C>): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    const notes: RequestNotes = {};
    const url = new URL(req.url);
    const line = (status: number, err?: unknown) =>
      logRequest({ area: areaOf(url.pathname), reqId: requestId, method: req.method, url, status, started, fields: { ...notes }, err });
    let res: Response;
    try {
      res = await handler(req, ctx, { requestId, notes });
    } catch (e) {
      // Next.js's own control flow (redirect(), notFound()…) travels as errors with a digest: not failures.
      if (!isNextSignal(e)) line(500, e);
      throw e;
    }
    if (res.status >= 300 && res.status < 400) notes.refused = refusalOf(res.headers.get("location"));
    line(res.status);
    return withHeader(res, REQUEST_ID_HEADER, requestId);
  };
}

/** "admin" for /api/admin/…, "oauth" for /api/oauth/saml, "login" for /login/idp: the log line's `area`. */
function areaOf(pathname: string): string {
  const [, first, second] = pathname.split("/");
  return (first === "api" ? second : first) || "api";
}

/**
 * "saml:replayed", "deactivated": why a sign-in (the ACS, /login/idp, next-auth's callback) was
 * refused, read back from the refusal page's URL, whose reason and code are Roster's own words.
 */
function refusalOf(location: string | null): string | undefined {
  if (!location?.includes("/login/refused?")) return undefined;
  const q = new URLSearchParams(location.slice(location.indexOf("?") + 1));
  const word = (v: string | null) => (v && /^[a-z_]{1,40}$/.test(v) ? v : undefined);
  const reason = word(q.get("reason"));
  const code = word(q.get("code"));
  return reason && (code ? `${reason}:${code}` : reason);
}

function isNextSignal(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}

/** Responses made by Response.redirect() (next-auth's, for one) have immutable headers: those are copied. */
function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    const copy = new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
    copy.headers.set(name, value);
    return copy;
  }
}
