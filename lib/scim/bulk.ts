import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { loggablePath } from "@/lib/log/redact";
import { consumeRateLimit } from "@/lib/rate-limit";
import { errorBody, internalError, invalidSyntax, invalidValue, ScimError, toScimError } from "./errors";
import type { LogNotes, ScimContext, ScimHandler, ScimReply } from "./http/handler";
import { recordRequest } from "./log";
import { isObject, type Json } from "./normalize";

/**
 * Bulk (RFC 7644 §3.7): many changes in one request. Each operation is the
 * request it stands for — the same handler, the same rules (seats, owner,
 * tenancy, If-Match through `version`), its own transaction and its own
 * provisioning-log row — so a bulk request can do nothing a client could not
 * do one request at a time, and parallel bulk requests claim seats exactly
 * like parallel creates. Operations run in order; one that refers to a
 * resource created later in the same request (`bulkId:…`) waits until that
 * one has run. `failOnErrors` stops at that many failures.
 */
const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
/** Announced in /ServiceProviderConfig; the payload limit is every request's body limit (lib/scim/http/body.ts). */
export const MAX_BULK_OPERATIONS = 1000;

type Method = "POST" | "PUT" | "PATCH" | "DELETE";

interface Operation {
  index: number;
  method: Method;
  path: string;
  bulkId?: string;
  version?: string;
  data?: unknown;
}

/** An operation that cannot run at all (no method, no path…): it fails on its own, with what it said it was. */
interface Invalid {
  index: number;
  error: ScimError;
  method: string;
  bulkId?: string;
}

interface BulkResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: Json;
}

/** Runs one operation as the request it stands for: `path` is relative to the SCIM base, `req` carries its headers. */
export type RunOperation = (ctx: ScimContext) => Promise<ScimReply>;

const REF = /^bulkId:(.+)$/;

function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/** The request's operations, or a 400 for a body that is not a BulkRequest at all (a bad operation fails on its own). */
function parseBulkRequest(body: unknown): { operations: (Operation | Invalid)[]; failOnErrors?: number } {
  if (!isObject(body)) throw invalidSyntax("A bulk request is a BulkRequest object.");
  const schemas = field(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.includes(BULK_REQUEST)) throw invalidSyntax(`A bulk request's "schemas" is ["${BULK_REQUEST}"].`);
  const raw = field(body, "Operations");
  if (!Array.isArray(raw) || raw.length === 0) throw invalidSyntax('A bulk request needs a non-empty "Operations" array.');
  if (raw.length > MAX_BULK_OPERATIONS) {
    throw new ScimError(413, `A bulk request may hold at most ${MAX_BULK_OPERATIONS} operations (maxOperations); this one has ${raw.length}.`);
  }
  const failOnErrors = field(body, "failOnErrors");
  if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1)) {
    throw invalidValue("failOnErrors must be a whole number, 1 or more.");
  }
  const seen = new Set<string>();
  const operations = raw.map((op, index): Operation | Invalid => {
    if (!isObject(op)) return { index, method: "", error: invalidSyntax(`Operations[${index}] must be an object.`) };
    const method = String(field(op, "method") ?? "").toUpperCase();
    const rawBulkId = field(op, "bulkId");
    const invalid = (error: ScimError): Invalid => ({ index, method, error, ...(typeof rawBulkId === "string" ? { bulkId: rawBulkId } : {}) });
    if (!["POST", "PUT", "PATCH", "DELETE"].includes(method)) return invalid(invalidSyntax(`Operations[${index}].method must be POST, PUT, PATCH or DELETE.`));
    const path = field(op, "path");
    if (typeof path !== "string" || !path.startsWith("/")) return invalid(invalidSyntax(`Operations[${index}].path must be a path such as "/Users" or "/Users/{id}".`));
    const bulkId = rawBulkId;
    if (bulkId !== undefined && (typeof bulkId !== "string" || !bulkId.trim())) return invalid(invalidSyntax(`Operations[${index}].bulkId must be a non-empty string.`));
    if (method === "POST" && bulkId === undefined) return invalid(invalidSyntax(`Operations[${index}]: a POST needs a bulkId, so that its result can be told apart.`));
    if (typeof bulkId === "string") {
      if (seen.has(bulkId)) return invalid(invalidSyntax(`Operations[${index}]: bulkId "${bulkId}" is used twice in this request.`));
      seen.add(bulkId);
    }
    const version = field(op, "version");
    if (version !== undefined && typeof version !== "string") return invalid(invalidSyntax(`Operations[${index}].version must be an ETag string.`));
    const data = field(op, "data");
    if (method !== "DELETE" && !isObject(data)) return invalid(invalidSyntax(`Operations[${index}]: a ${method} needs its "data" object.`));
    return { index, method: method as Method, path, ...(typeof bulkId === "string" ? { bulkId } : {}), ...(version ? { version } : {}), data };
  });
  return { operations, ...(failOnErrors !== undefined ? { failOnErrors: failOnErrors as number } : {}) };
}

/** The bulkIds an operation refers to, in its path and anywhere in its data. */
function references(op: Operation): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      const m = REF.exec(v);
      if (m) found.push(m[1]!);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) Object.values(v).forEach(walk);
  };
  for (const segment of op.path.split("/")) walk(decodeSegment(segment));
  walk(op.data);
  return found;
}

const decodeSegment = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Replaces every `bulkId:…` with the id it created. */
function resolve(v: unknown, ids: Map<string, string>): unknown {
  if (typeof v === "string") {
    const m = REF.exec(v);
    return m ? (ids.get(m[1]!) ?? v) : v;
  }
  if (Array.isArray(v)) return v.map((x) => resolve(x, ids));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, ids)]));
  return v;
}

export function bulkHandler(runOperation: RunOperation): ScimHandler {
  return async (ctx) => {
    Object.assign(ctx.notes, { operation: "bulk" });
    const { operations, failOnErrors } = parseBulkRequest(await ctx.body());
    // Each operation counts against the token's budget, as the request it stands for would.
    const limit = env().SCIM_RATE_LIMIT;
    if (limit > 0 && ctx.actor.kind === "scim" && ctx.actor.tokenId && operations.length > 1) {
      const rate = await consumeRateLimit(ctx.db, `scim:${ctx.actor.tokenId}`, limit, operations.length - 1);
      if (!rate.allowed) {
        throw new ScimError(429, `Too many requests: this token may make ${limit} requests a minute, and a bulk request counts each operation. Retry in ${rate.retryAfter} s.`, undefined, {
          "Retry-After": String(rate.retryAfter),
        });
      }
    }
    const created = new Map<string, string>();
    const pendingBulkIds = new Set(operations.flatMap((o) => ("error" in o || !o.bulkId ? [] : [o.bulkId])));
    const results = new Map<number, BulkResult>();
    let errors = 0;
    const fail = (op: { index: number; method: string; bulkId?: string }, e: ScimError) => {
      errors++;
      results.set(op.index, { method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}), status: String(e.status), response: errorBody(e) as unknown as Json });
    };
    let waiting: Operation[] = [];
    const run = async (op: Operation) => {
      const path = op.path
        .split("/")
        .map((segment) => {
          const ref = REF.exec(decodeSegment(segment));
          return ref && created.has(ref[1]!) ? created.get(ref[1]!)! : segment;
        })
        .join("/");
      const result = await runOne(ctx, runOperation, { ...op, path, data: resolve(op.data, created) });
      results.set(op.index, result);
      if (Number(result.status) >= 400) errors++;
      if (op.bulkId) {
        pendingBulkIds.delete(op.bulkId);
        const id = result.location?.split("/").pop();
        if (op.method === "POST" && id && Number(result.status) < 300) created.set(op.bulkId, id);
      }
    };
    const ready = (op: Operation) => references(op).every((ref) => created.has(ref));
    const doomed = (op: Operation) => references(op).find((ref) => !created.has(ref) && !pendingBulkIds.has(ref));
    for (const op of operations) {
      if (failOnErrors !== undefined && errors >= failOnErrors) break;
      if ("error" in op) {
        fail(op, op.error);
        continue;
      }
      if (ready(op)) await run(op);
      else waiting.push(op);
      // Whatever waited on a resource that now exists can run.
      for (let progress = true; progress && waiting.length; ) {
        progress = false;
        for (const w of [...waiting]) {
          if (failOnErrors !== undefined && errors >= failOnErrors) break;
          if (!ready(w)) continue;
          waiting = waiting.filter((x) => x !== w);
          await run(w);
          progress = true;
        }
      }
    }
    // Left waiting: a reference to an operation that failed, to none, or a cycle (RFC 7644 §3.7.2 allows a 409).
    for (const w of waiting) {
      if (failOnErrors !== undefined && errors >= failOnErrors) break;
      const missing = doomed(w) ?? references(w).find((ref) => !created.has(ref))!;
      fail(w, new ScimError(409, `bulkId:${missing} refers to no resource this request created (no such POST, it failed, or the references go round in a circle).`, "invalidValue"));
    }
    const ordered = [...results.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
    return { status: 200, body: { schemas: [BULK_RESPONSE], Operations: ordered as unknown as Json } };
  };
}

/** One operation as the request it stands for, with its own provisioning-log row. */
async function runOne(ctx: ScimContext, runOperation: RunOperation, op: Operation): Promise<BulkResult> {
  const started = performance.now();
  const url = new URL(`${ctx.baseUrl}${op.path}`);
  const notes: LogNotes = {};
  const headers: Record<string, string> = { accept: "application/scim+json", prefer: "return=minimal" };
  if (op.version) headers["if-match"] = op.version;
  const opCtx: ScimContext = {
    ...ctx,
    req: new Request(url, { method: op.method, headers }),
    url,
    params: { path: url.pathname.slice(new URL(ctx.baseUrl).pathname.length + 1) },
    body: async () => op.data,
    notes,
  };
  let reply: ScimReply;
  try {
    if (/^\/bulk(\/|$)/i.test(url.pathname.slice(new URL(ctx.baseUrl).pathname.length))) throw invalidSyntax("A bulk operation cannot be another bulk request.");
    reply = await runOperation(opCtx);
  } catch (e) {
    let err = toScimError(e);
    if (err.status >= 500) {
      log().error({ area: "scim", reqId: ctx.requestId, orgId: ctx.orgId, bulkMethod: op.method, bulkPath: loggablePath(url.pathname), err: e }, "bulk operation failed");
      err = internalError(ctx.requestId);
    }
    reply = { status: err.status, body: errorBody(err), headers: err.headers };
  }
  const failed = reply.status >= 400;
  const body = reply.body as { detail?: string; scimType?: string; id?: string } | undefined;
  recordRequest(ctx.db, {
    orgId: ctx.orgId,
    tokenId: ctx.actor.kind === "scim" ? ctx.actor.tokenId : null,
    method: op.method,
    path: `${url.pathname}${url.search}`.slice(0, 2000),
    resourceType: notes.resourceType ?? null,
    resourceId: notes.resourceId && /^[0-9a-f-]{36}$/i.test(notes.resourceId) ? notes.resourceId : null,
    target: notes.target?.slice(0, 500) ?? null,
    operation: `bulk ${notes.operation ?? op.method.toLowerCase()}`.slice(0, 500),
    status: reply.status,
    scimType: failed ? (body?.scimType ?? null) : null,
    detail: failed ? (body?.detail ?? null) : null,
    durationMs: Math.round(performance.now() - started),
    userAgent: ctx.req.headers.get("user-agent")?.slice(0, 500) ?? null,
    ignoredAttributes: notes.ignored?.length ? [...new Set(notes.ignored)] : null,
    requestId: ctx.requestId,
  });
  const location = reply.headers?.Location ?? (op.method !== "POST" && !failed ? url.toString() : undefined);
  return {
    method: op.method,
    ...(op.bulkId ? { bulkId: op.bulkId } : {}),
    ...(reply.headers?.ETag && !failed ? { version: reply.headers.ETag } : {}),
    ...(location ? { location } : {}),
    status: String(reply.status),
    ...(failed ? { response: reply.body as Json } : {}),
  };
}
