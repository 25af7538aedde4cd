import { notFound } from "next/navigation";
import { env } from "@/lib/env";

/**
 * The one gate of the development-only surfaces (the demo IdP under /dev/idp,
 * the mailbox under /dev/mailbox): they exist in development and test, and
 * in a production build only when ROSTER_DEMO=1 (demos and the test suites'
 * servers). The mailbox shows sign-in links and the demo IdP signs assertions
 * for anyone, so a production server must not answer them at all.
 *
 * This file is the only part of lib/dev/ that code outside the dev surfaces
 * may import (.dependency-cruiser.cjs, rule dev-only-fence).
 */
export function devSurfacesEnabled(): boolean {
  const e = env();
  return e.NODE_ENV !== "production" || e.ROSTER_DEMO === "1";
}

/**
 * First line of every dev page, server action and route handler: a 404 when
 * dev surfaces are off. notFound() throws; Next.js answers it with the
 * not-found page in pages and actions and with an empty 404 in route handlers.
 */
export function requireDevSurfaces(): void {
  if (!devSurfacesEnabled()) notFound();
}
