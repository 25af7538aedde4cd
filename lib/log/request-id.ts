/**
 * Every request Roster answers through its wrappers carries an id: the one a
 * load balancer or client sent as X-Request-Id when it is sane, else a new
 * one. It goes back as X-Request-Id, onto the request's log line and onto
 * its provisioning-log row, so an admin's screenshot leads to the server's
 * line. "Sane" is short and plain: an incoming id is written into logs and
 * the database, so anything longer or with other characters is replaced.
 */
export const REQUEST_ID_HEADER = "X-Request-Id";

const SANE = /^[A-Za-z0-9._-]{1,64}$/;

export function isSaneRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && SANE.test(value);
}

export function requestIdOf(req: Request): string {
  const incoming = req.headers.get(REQUEST_ID_HEADER);
  return isSaneRequestId(incoming) ? incoming : crypto.randomUUID();
}
