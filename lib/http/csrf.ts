import { env } from "@/lib/env";

/**
 * Browser-facing mutations (admin API) accept only same-origin requests: the
 * Origin header must name this app (APP_URL, or the Host the request came to).
 * Browsers always send Origin on cross-site POSTs and cannot forge it, so a
 * page on another site cannot act with an admin's cookies.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return req.headers.get("sec-fetch-site") === "same-origin";
  if (origin === new URL(env().APP_URL).origin) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
