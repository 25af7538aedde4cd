import { getDb } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { HttpError } from "@/lib/http/errors";
import { firstSsoSignInSince, latestProvisioningRequest } from "@/lib/security/first-request";

/**
 * The setup guide's live panel (polled until it turns): the organisation's
 * newest SCIM request, and with `?signInSince=<ISO time>` the first SSO
 * sign-in (or SSO refusal) after that time (the Google guide, which has no SCIM).
 * adminRoute asks the policy's "console.open" first; both reads are scoped to
 * the viewer's organisation.
 */
export const GET = adminRoute(undefined, async ({ req, viewer }) => {
  const db = await getDb();
  const param = new URL(req.url).searchParams.get("signInSince");
  let since: Date | null = null;
  if (param !== null) {
    since = new Date(param);
    if (Number.isNaN(since.getTime())) throw new HttpError(400, "invalid", "signInSince must be a date and time (ISO 8601).");
  }
  const [request, signIn] = await Promise.all([
    latestProvisioningRequest(db, viewer.org.id),
    since ? firstSsoSignInSince(db, viewer.org.id, since) : Promise.resolve(null),
  ]);
  return { request, signIn };
});
