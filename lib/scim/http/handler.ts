import type { Actor } from "@/lib/audit/actor";
import { getDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/log/request-id";
import { loggableUserAgent, logRequest } from "@/lib/log/request-line";
import { observeScimRequest } from "@/lib/metrics/scim";
import { errorBody, internalError, ScimError, toScimError } from "../errors";
import { recordRequest } from "../log";
import { isUuid } from "../filter/sql";
import { consumeRateLimit } from "@/lib/rate-limit";
import { authenticateScimToken, bearerToken, type ScimOrg } from "../tokens";
import { readJsonBody } from "./body";

/**
 * The one wrapper every /api/scim/v2 route goes through: authentication,
 * throttling, body parsing, error conversion, the provisioning log, the
 * request id, the metrics and the log line. Route handlers hold only the
 * happy path and return a ScimReply.
 */
const SCIM_CONTENT_TYPE = "application/scim+json";

export interface ScimReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the handler learnt about the request, for the provisioning log. */
export interface LogNotes {
  resourceType?: "User" | "Group";
  resourceId?: string;
  target?: string;
  /** The person's name (or nothing): kept on the row so a DELETE still says who it was. */
  targetName?: string | null;
  operation?: string;
  ignored?: string[];
}

export interface ScimContext {
  db: Db;
  req: Request;
  url: URL;
  orgId: string;
  orgName: string;
  /** The organisation's settings as authentication saw them (at most a second old; lib/scim/tokens.ts). */
  org: ScimOrg;
  actor: Actor;
  /** Absolute base of this API, for `meta.location` and `Location`. */
  baseUrl: string;
  params: Record<string, string>;
  body(): Promise<unknown>;
  notes: LogNotes;
  /** This request's X-Request-Id, also on its provisioning-log rows (a Bulk request's operations share it). */
  requestId: string;
}

type RouteParams = { params: Promise<Record<string, string | string[] | undefined>> };
export type ScimHandler = (ctx: ScimContext) => Promise<ScimReply>;

export const scimBaseUrl = () => `${env().APP_URL}/api/scim/v2`;

/**
 * Below this size a response goes uncompressed: gzip sets up a fresh zlib
 * stream (a few hundred KiB) per response, which cost a `userName eq` lookup
 * about a tenth of its server time, to save a few hundred bytes. Pages of
 * many resources are larger and still go compressed.
 */
export const COMPRESS_FROM_BYTES = 8 * 1024;

function respond(reply: ScimReply, requestId: string): Response {
  const headers = new Headers(reply.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const json = reply.body === undefined ? null : JSON.stringify(reply.body);
  // Resources hold personal data and change under the IdP's feet: no cache in between may keep them.
  // no-transform is what Next's compression honours (and tells proxies the same).
  headers.set("Cache-Control", json !== null && json.length < COMPRESS_FROM_BYTES ? "no-store, no-transform" : "no-store");
  if (json !== null) headers.set("Content-Type", SCIM_CONTENT_TYPE);
  return new Response(json, { status: reply.status, headers });
}

function errorReply(e: ScimError): ScimReply {
  return { status: e.status, body: errorBody(e), headers: e.headers };
}

async function authenticate(db: Db, req: Request) {
  const auth = await authenticateScimToken(db, bearerToken(req.headers.get("authorization")));
  if (auth.ok) return auth;
  const challenge = { "WWW-Authenticate": 'Bearer realm="Roster SCIM", error="invalid_token"' };
  const detail = {
    missing: "Send the organisation's SCIM token as Authorization: Bearer <token>.",
    invalid: "The bearer token is not valid. Copy the SCIM token from the Security page again.",
    revoked: "This SCIM token was revoked. Create a new one on the Security page and update your identity provider.",
    expired: "This SCIM token has expired. Create a new one on the Security page and update your identity provider.",
    scim_disabled: `SCIM provisioning is turned off for ${auth.orgName ?? "this organisation"}. An admin can turn it on on the Security page.`,
  }[auth.reason];
  const error = auth.reason === "scim_disabled" ? new ScimError(403, detail) : new ScimError(401, detail, undefined, challenge);
  return { ok: false as const, error, orgId: auth.orgId };
}

export function scimRoute(handler: ScimHandler) {
  return async (req: Request, route?: RouteParams): Promise<Response> => {
    const started = performance.now();
    const url = new URL(req.url);
    const requestId = requestIdOf(req);
    const db = await getDb();
    const notes: LogNotes = {};
    let reply: ScimReply;
    let orgId: string | undefined;
    let tokenId: string | null = null;
    let failure: unknown;
    try {
      const auth = await authenticate(db, req);
      orgId = auth.orgId;
      if (!auth.ok) throw auth.error;
      tokenId = auth.tokenId;
      const limit = env().SCIM_RATE_LIMIT;
      if (limit > 0) {
        const rate = await consumeRateLimit(db, `scim:${auth.tokenId}`, limit);
        if (!rate.allowed) {
          throw new ScimError(429, `Too many requests: this token may make ${limit} requests a minute. Retry in ${rate.retryAfter} s.`, undefined, {
            "Retry-After": String(rate.retryAfter),
          });
        }
      }
      const raw = (await route?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
      reply = await handler({
        db,
        req,
        url,
        orgId: auth.orgId,
        orgName: auth.orgName,
        org: auth.org,
        actor: { kind: "scim", tokenId: auth.tokenId, name: auth.tokenName },
        baseUrl: scimBaseUrl(),
        params,
        body: () => readJsonBody(req),
        notes,
        requestId,
      });
    } catch (e) {
      let err = toScimError(e);
      if (err.status >= 500) {
        failure = e;
        err = internalError(requestId);
      }
      reply = errorReply(err);
    }
    if (orgId) {
      const body = reply.body as { detail?: string; scimType?: string } | undefined;
      const failed = reply.status >= 400;
      recordRequest(db, {
        orgId,
        tokenId,
        method: req.method,
        path: `${url.pathname}${url.search}`.slice(0, 2000),
        resourceType: notes.resourceType ?? null,
        resourceId: notes.resourceId && isUuid(notes.resourceId) ? notes.resourceId : null,
        target: notes.target?.slice(0, 500) ?? null,
        targetName: notes.targetName?.slice(0, 500) ?? null,
        operation: notes.operation ?? null,
        status: reply.status,
        scimType: failed ? (body?.scimType ?? null) : null,
        detail: failed ? (body?.detail ?? null) : null,
        durationMs: Math.round(performance.now() - started),
        userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null,
        ignoredAttributes: notes.ignored?.length ? [...new Set(notes.ignored)] : null,
        requestId,
      });
    }
    observeScimRequest(req.method, url.pathname, reply.status, (performance.now() - started) / 1000);
    const response = respond(reply, requestId);
    logRequest({
      area: "scim",
      reqId: requestId,
      method: req.method,
      url,
      status: reply.status,
      started,
      fields: {
        orgId,
        tokenId: tokenId ?? undefined,
        resource: notes.resourceType,
        resourceId: notes.resourceId && isUuid(notes.resourceId) ? notes.resourceId : undefined,
        // The kind only ("patch", not the PATCH's paths, whose value filters may name people).
        operation: notes.operation?.split(":")[0],
        scimType: reply.status >= 400 ? (reply.body as { scimType?: string } | undefined)?.scimType : undefined,
        ua: loggableUserAgent(req.headers.get("user-agent")),
      },
      err: failure,
    });
    return response;
  };
}
