/**
 * What may reach a log line. Request lines are built field by field from
 * what Roster chooses to say (never headers or bodies), so these functions
 * guard the text that comes from outside: URLs people and IdPs send, error
 * messages of libraries, Jackson's own log messages. No token, cookie, SAML
 * response, sign-in or invitation link, password or email address survives.
 */

const REDACTED = "[redacted]";

/** Query parameters whose values say nothing about a person or a secret; every other value is replaced. */
const HARMLESS_PARAMS = new Set([
  "attributes",
  "excludedAttributes",
  "startIndex",
  "count",
  "sortBy",
  "sortOrder",
  "before",
  "outcome",
  "resourceType",
  "operation",
  "reason",
  "error",
  "provider",
  "product",
  "response_type",
  "code_challenge_method",
]);

/** Secrets that can hide in any text, with what takes their place. */
const SECRET_SHAPES: [RegExp, string][] = [
  // Authorization header values (SCIM tokens, the metrics token, OAuth access tokens).
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  // A SCIM token ("scim_" and 43 base64url characters; lib/crypto.ts newSecret).
  [/(?<![A-Za-z0-9_-])scim_[A-Za-z0-9_-]{16,}/g, `scim_${REDACTED}`],
  // SAML responses and requests, as XML or base64 ("<samlp:Response", "<saml2p:Response"), and any long base64 blob.
  [/<(saml2?p?:)?(Response|Assertion)\b[\s\S]*?(<\/(saml2?p?:)?\2>|$)/gi, "[SAML redacted]"],
  [/PHNhbWxwOl[A-Za-z0-9+/=]*|PHNhbWwycDpS[A-Za-z0-9+/=]*/g, "[SAML redacted]"],
  [/[A-Za-z0-9+/]{200,}={0,2}/g, "[base64 redacted]"],
  // Secrets and addresses carried in URLs: sign-in links (?token=…&email=…), OAuth codes and state, SAML relay state.
  [
    /([?&](?:token|code|state|code_verifier|SAMLResponse|SAMLRequest|RelayState|access_token|refresh_token|id_token|client_secret|password|secret|email|callbackUrl)=)[^&#\s"'<>]*/gi,
    `$1${REDACTED}`,
  ],
  // Invitation links (/invitations/<token>).
  [/(\/invitations\/)[^/?#\s"'<>]+/g, `$1${REDACTED}`],
  // Credentials in connection URLs (postgres://user:password@…, smtp://…).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+:)[^@/?#\s]+@/gi, `$1${REDACTED}@`],
  // Session and CSRF cookies.
  [/((?:__Secure-|__Host-)?next-auth\.[\w.-]+=)[^;\s"']+/g, `$1${REDACTED}`],
  // Email addresses (an SMTP server's refusal names its recipient): people are found by the ids on the line.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]"],
];

/**
 * Something in the text could be one of the shapes above. Most text (a SCIM
 * path, a user agent) has none of these, and one pass of this instead of a
 * pass of each shape keeps the request line cheap on the SCIM path.
 */
const SUSPECT = /bearer|basic|scim_|<|@|PHNhbW|[?&][A-Za-z_]+=|\/invitations\/|:\/\/|next-auth\.|[A-Za-z0-9+/]{200}/i;

/** Replaces every secret-shaped part of a text. */
export function scrubSecrets(text: string): string {
  if (!SUSPECT.test(text)) return text;
  let out = text;
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** A request path as a log line may show it: the path without its query, an invitation's token taken out. */
export function loggablePath(pathname: string): string {
  return scrubSecrets(pathname.length > 300 ? `${pathname.slice(0, 300)}…` : pathname);
}

/**
 * A query string as a log line may show it: harmless parameters as they are,
 * a SCIM filter with its quoted values taken out (`userName eq "…"` says
 * what the IdP looked for without saying whom), every other value redacted.
 * Undefined when there is no query.
 */
export function loggableQuery(search: URLSearchParams): string | undefined {
  const parts: string[] = [];
  for (const [key, value] of search) {
    const shown = HARMLESS_PARAMS.has(key) ? value.slice(0, 100) : key === "filter" ? redactFilter(value) : REDACTED;
    parts.push(`${key.slice(0, 50)}=${shown}`);
    if (parts.length === 20) break;
  }
  return parts.length ? scrubSecrets(parts.join("&")) : undefined;
}

/** Quoted values of a SCIM filter become "…"; attribute names, operators and literals stay. */
export function redactFilter(filter: string): string {
  return filter.slice(0, 300).replace(/"(?:[^"\\]|\\.)*"?/g, '"…"');
}

export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: LoggedError;
}

/**
 * An error as a log line may hold it: its type, the first line of its
 * message, its code and the stack's frames. Never its other properties: a
 * database driver's error carries the failed query's parameters (request
 * data), and drizzle puts them on the second line of its message, which the
 * stack repeats.
 */
export function serializeError(e: unknown, depth = 0): LoggedError {
  if (!(e instanceof Error)) return { type: typeof e, message: scrubSecrets(String(e).split("\n")[0]!.slice(0, 500)) };
  const out: LoggedError = { type: e.name, message: scrubSecrets((e.message.split("\n")[0] ?? "").slice(0, 500)) };
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = String(code).slice(0, 50);
  const frames = e.stack?.split("\n").filter((l) => /^\s+at /.test(l));
  if (frames?.length) out.stack = scrubSecrets(frames.slice(0, 15).join("\n"));
  if (e.cause !== undefined && depth < 2) out.cause = serializeError(e.cause, depth + 1);
  return out;
}
