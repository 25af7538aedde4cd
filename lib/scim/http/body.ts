import { invalidSyntax, ScimError } from "../errors";

/** RFC 7644 leaves the limit to the server; 1 MiB holds a group push of thousands of members. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An oversized body is still read (and thrown away) up to this size before the
 * 413 goes out: a client that is still uploading when the server answers and
 * hangs up often never sees the answer (the upload fails with a reset instead).
 * Past it, the connection is cut.
 */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

// The connection is closed after a 413 so that no client reuses a half-read socket.
const tooLarge = () =>
  new ScimError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB). Send fewer operations or members per request.`, undefined, {
    Connection: "close",
  });

/** application/scim+json (RFC 7644 §8.1) and application/json (what Okta's SPEC test and Postman send) are both fine. */
function acceptsContentType(header: string | null): boolean {
  if (!header) return true;
  const type = header.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || type === "application/scim+json" || type.endsWith("+json");
}

/**
 * Reads a JSON body without ever holding more than the limit: a chunked body
 * is counted as it streams, and what passes the limit is discarded unread.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  if (!acceptsContentType(req.headers.get("content-type"))) {
    throw new ScimError(415, `Send the body as application/scim+json or application/json, not ${req.headers.get("content-type")}.`);
  }
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      if (size <= MAX_BODY_BYTES) chunks.push(value);
    }
  }
  if (size > MAX_BODY_BYTES) throw tooLarge();
  // Malformed UTF-8 becomes U+FFFD (as TextDecoder without `fatal` would); one chunk is the usual case.
  const bytes = chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks);
  let text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark, as TextDecoder drops it
  if (!text.trim()) throw invalidSyntax("The request body is empty; send a JSON object.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw invalidSyntax(`The request body is not valid JSON: ${(e as Error).message}.`);
  }
  if (depthExceeds(parsed, MAX_DEPTH)) throw invalidSyntax(`The request body nests more than ${MAX_DEPTH} levels deep; no SCIM resource does.`);
  return parsed;
}

/** The deepest SCIM body (a PATCH value holding an extension's complex attribute) is about 6 levels. */
const MAX_DEPTH = 32;

/** Iterative, so that a body nested 100,000 deep cannot exhaust the stack of whatever walks it later. */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
