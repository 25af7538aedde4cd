import { NextResponse, type NextRequest } from "next/server";
import { malformedScimPath } from "@/lib/scim/http/malformed-url";

/**
 * Per-request Content-Security-Policy for pages: scripts run only with this
 * request's nonce (Next.js puts it on its own scripts when it sees the policy
 * in the request headers), no plugins, no framing. Styles keep
 * 'unsafe-inline' because React style attributes need it. No form-action:
 * SAML sign-in posts forms to the identity provider's own domain.
 * HSTS is sent when the request came over TLS (directly or via a proxy).
 */
export function proxy(request: NextRequest) {
  // SCIM paths reach the proxy only when they carry a percent sign (see the matcher below).
  if (request.nextUrl.pathname.startsWith("/api/scim/")) return malformedScimPath(request.nextUrl.pathname) ?? NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  if (proto === "https") response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    // Pages only: API routes answer JSON (and Jackson's SAML form posts manage their own markup).
    { source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" },
    // SCIM paths with percent-encoding, to refuse the ones Next.js cannot decode (lib/scim/http/malformed-url.ts);
    // every other SCIM request goes straight to its route, without the proxy's cost.
    { source: "/api/scim/:rest(.*%.*)" },
  ],
};
