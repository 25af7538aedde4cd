/** One SCIM request with a hard time bound; what the robustness suites send. */
export interface Sent {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  ms: number;
}

export const TIME_BOUND_MS = 10_000;

export async function send(
  base: string,
  req: { method: string; path: string; authorization?: string; headers?: Record<string, string>; body?: unknown; contentType?: string | null },
): Promise<Sent> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.authorization) headers.authorization = req.authorization;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === "string" ? req.body : req.body instanceof Uint8Array ? new Uint8Array(req.body) : JSON.stringify(req.body);
    // fetch labels a string body text/plain; bytes go without a Content-Type, which is what "none" means here.
    if (req.contentType === null && typeof body === "string") body = new TextEncoder().encode(body) as Uint8Array<ArrayBuffer>;
    if (req.contentType !== null) headers["content-type"] = req.contentType ?? "application/scim+json";
  }
  const t0 = performance.now();
  const res = await fetch(`${base}${req.path}`, { method: req.method, headers, body, signal: AbortSignal.timeout(TIME_BOUND_MS) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, ms: performance.now() - t0 };
}

const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

/** RFC 7644 §3.12: an error is JSON with the Error schema, `status` as a string equal to the HTTP status, and a detail. */
export function scimErrorProblem(r: Sent): string | null {
  const b = r.json as { schemas?: unknown; status?: unknown; detail?: unknown } | undefined;
  if (!b || typeof b !== "object") return `error body is not JSON: ${r.text.slice(0, 120)}`;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(ERROR_URN)) return "error body lacks the Error schema";
  if (b.status !== String(r.status)) return `error status ${JSON.stringify(b.status)} does not match HTTP ${r.status}`;
  if (typeof b.detail !== "string" || !b.detail) return "error has no detail";
  if (!r.headers.get("content-type")?.startsWith("application/scim+json")) return `content-type ${r.headers.get("content-type")}`;
  return null;
}
