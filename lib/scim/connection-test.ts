import { eq } from "drizzle-orm";
import { sha256 } from "@/lib/crypto";
import type { Executor } from "@/lib/db";
import { scimTokens } from "@/lib/db/schema";
import { scimBaseUrl } from "./http/handler";
import { TOKEN_PREFIX } from "@/lib/orgs/scim-tokens";

/**
 * "Test connection" on the Security page: call the organisation's own SCIM
 * endpoint from the server, exactly as an IdP would, with the token the admin
 * pasted (tokens are stored hashed, so the server cannot pick one itself).
 * The request shows up in the provisioning log like any other.
 */
export interface ConnectionTestResult {
  ok: boolean;
  status: number | null;
  /** One sentence for the admin: what happened and, on failure, what to do. */
  message: string;
  url: string;
  durationMs: number;
}

/** The organisation's SCIM base URL, as the SCIM layer builds it. */
export const scimEndpoint = scimBaseUrl;
const TIMEOUT_MS = 10_000;

function detailOf(body: unknown): string | null {
  if (body && typeof body === "object" && "detail" in body && typeof body.detail === "string") return body.detail;
  return null;
}

export async function testScimConnection(
  db: Executor,
  p: { orgId: string; token: string },
  fetchImpl: typeof fetch = fetch,
): Promise<ConnectionTestResult> {
  const token = p.token;
  const url = `${scimEndpoint()}/Users?startIndex=1&count=1&attributes=userName`;
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const trimmed = token.trim();
  if (!trimmed.startsWith(TOKEN_PREFIX)) {
    return {
      ok: false,
      status: null,
      url,
      durationMs: 0,
      message: `That is not a Roster SCIM token: they begin with "${TOKEN_PREFIX}". Paste the token you gave your identity provider.`,
    };
  }
  // Another organisation's token would "work" against the endpoint and prove nothing about this one.
  const [owner] = await db.select({ orgId: scimTokens.orgId }).from(scimTokens).where(eq(scimTokens.tokenHash, sha256(trimmed)));
  if (owner && owner.orgId !== p.orgId) {
    return { ok: false, status: null, url, durationMs: took(), message: "This token belongs to another organisation. Paste a token from the list below." };
  }
  let res: Response;
  try {
    res = await fetchImpl(url, {
      headers: {
        Authorization: `Bearer ${trimmed}`,
        Accept: "application/scim+json",
        "User-Agent": "Roster connection test",
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (e) {
    const why = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : "the request failed";
    return { ok: false, status: null, url, durationMs: took(), message: `Could not reach ${scimEndpoint()}: ${why}. Check that APP_URL is this server's public address.` };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const total = body && typeof body === "object" && "totalResults" in body ? Number(body.totalResults) : NaN;
    const count = Number.isFinite(total) ? ` It can see ${total.toLocaleString("en-US")} ${total === 1 ? "user" : "users"}.` : "";
    return { ok: true, status: res.status, url, durationMs: took(), message: `Connected: the SCIM endpoint accepted the token.${count}` };
  }
  const detail = detailOf(body);
  const message =
    res.status === 401 || res.status === 403
      ? `The token was refused (${res.status}): ${detail ?? "not a valid token for this organisation."}`
      : `The SCIM endpoint answered ${res.status}${detail ? `: ${detail}` : "."} Try again; if it persists, contact support.`;
  return { ok: false, status: res.status, url, durationMs: took(), message };
}
