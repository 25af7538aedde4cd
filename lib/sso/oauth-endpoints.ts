import type { OAuthReq, OAuthTokenReq } from "@boxyhq/saml-jackson";
import { log } from "@/lib/log/logger";
import { getJackson } from "@/lib/sso/jackson";

/**
 * Jackson's OAuth 2.0 endpoints, as next-auth's `boxyhq-saml` provider calls
 * them: authorize (browser redirect to the IdP), token (server to server,
 * form-encoded) and userinfo (bearer token). Jackson reports failures by
 * throwing errors with a `statusCode`; they become OAuth error JSON
 * (RFC 6749 §5.2) with that status, never a 500 for a caller's mistake.
 */
const noStore = { "cache-control": "no-store", pragma: "no-cache" };

function oauthError(e: unknown): Response {
  const status = (e as { statusCode?: number }).statusCode;
  const message = e instanceof Error ? e.message : "Request refused";
  if (status && status >= 400 && status < 500) {
    return Response.json({ error: status === 401 ? "invalid_client" : "invalid_request", error_description: message }, { status, headers: noStore });
  }
  log().error({ area: "sso", err: e }, "SSO: Jackson endpoint failed");
  return Response.json({ error: "server_error", error_description: "Single sign-on is unavailable. Try again." }, { status: 500, headers: noStore });
}

export async function authorize(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const params = Object.fromEntries(req.method === "POST" ? new URLSearchParams(await req.text()) : url.searchParams);
  if (!params.redirect_uri) return Response.json({ error: "invalid_request", error_description: "redirect_uri is required" }, { status: 400 });
  try {
    const jackson = await getJackson();
    const result = await jackson.oauthController.authorize(params as unknown as OAuthReq);
    if (result.authorize_form) {
      // HTTP-POST binding: a self-submitting form carries the SAMLRequest to the IdP.
      return new Response(result.authorize_form, { headers: { "content-type": "text/html; charset=utf-8", ...noStore } });
    }
    if (result.redirect_url) return new Response(null, { status: 302, headers: { location: result.redirect_url, ...noStore } });
    return Response.json({ error: "invalid_request", error_description: "No SSO connection for this request" }, { status: 400 });
  } catch (e) {
    return oauthError(e);
  }
}

export async function token(req: Request): Promise<Response> {
  const type = req.headers.get("content-type") ?? "";
  let body: Record<string, string>;
  try {
    body = type.includes("application/json")
      ? ((await req.json()) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(await req.text()));
  } catch {
    return Response.json({ error: "invalid_request", error_description: "Unreadable body" }, { status: 400, headers: noStore });
  }
  try {
    const jackson = await getJackson();
    const result = await jackson.oauthController.token(body as unknown as OAuthTokenReq, req.headers.get("authorization"));
    return Response.json(result, { headers: noStore });
  } catch (e) {
    return oauthError(e);
  }
}

export async function userinfo(req: Request): Promise<Response> {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  const accessToken = m?.[1] ?? new URL(req.url).searchParams.get("access_token");
  if (!accessToken) {
    return Response.json({ error: "invalid_token", error_description: "Bearer token required" }, { status: 401, headers: noStore });
  }
  try {
    const jackson = await getJackson();
    return Response.json(await jackson.oauthController.userInfo(accessToken), { headers: noStore });
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status && status < 500) return Response.json({ error: "invalid_token", error_description: "Invalid or expired token" }, { status: 401, headers: noStore });
    return oauthError(e);
  }
}
