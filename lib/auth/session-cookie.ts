import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { rosterAdapter } from "./adapter";

/**
 * Sessions Roster starts itself, outside a next-auth provider callback: an
 * IdP-initiated SAML sign-in and an accepted invitation of an organisation
 * without SSO. They are the same database sessions next-auth creates (same
 * table, same hashed token, same cookie), so everything else — getViewer,
 * sign-out, ending sessions on deactivation — treats them alike.
 */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** next-auth's rule: secure cookies (and the __Secure- prefix) when the app is served over https. */
export const secureCookies = (): boolean => env().APP_URL.startsWith("https://");

const sessionCookieName = (): string => `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;

export async function startSession(userId: string): Promise<void> {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_S * 1000);
  await rosterAdapter().createSession!({ sessionToken, userId, expires });
  (await cookies()).set(sessionCookieName(), sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    expires,
  });
}

/** The account of the browser's current session, if any (used to refuse linking an IdP identity to someone else). */
export async function currentSessionUserId(): Promise<string | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  const found = await rosterAdapter().getSessionAndUser!(token);
  return found && found.session.expires.getTime() > Date.now() ? found.user.id : null;
}
