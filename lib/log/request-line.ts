import { log } from "./logger";
import { loggablePath, loggableQuery, scrubSecrets } from "./redact";

/**
 * The one line each request writes when it is answered. Fields:
 * `area` (scim, admin, me, sso, auth, booking), `reqId` (also the response's
 * X-Request-Id and the provisioning-log row's request id), `method`, `path`
 * (no query), `query` (harmless values only; lib/log/redact.ts), `status`,
 * `durationMs`, and what the wrapper knows about who asked (`orgId`,
 * `userId`, `tokenId`, `resource`…). Never a header or a body.
 */
export interface RequestLine {
  area: string;
  reqId: string;
  method: string;
  url: URL;
  status: number;
  /** performance.now() when the request arrived. */
  started: number;
  fields?: Record<string, string | number | null | undefined>;
  /** A 5xx's cause, for the error line. */
  err?: unknown;
}

export function logRequest(r: RequestLine): void {
  const logger = log();
  const error = r.status >= 500;
  if (!error && !logger.isLevelEnabled("info")) return;
  const line: Record<string, unknown> = {
    area: r.area,
    reqId: r.reqId,
    method: r.method,
    path: loggablePath(r.url.pathname),
    query: r.url.search ? loggableQuery(r.url.searchParams) : undefined,
    status: r.status,
    durationMs: Math.round(performance.now() - r.started),
    ...r.fields,
  };
  if (r.err !== undefined) line.err = r.err;
  if (error) logger.error(line, "request failed");
  else logger.info(line, "request");
}

/** A client's User-Agent, short and scrubbed: it names the IdP's SCIM client, which is worth a field. */
export const loggableUserAgent = (ua: string | null) => (ua ? scrubSecrets(ua.slice(0, 200)) : undefined);
