import { cookies } from "next/headers";
import { secureCookies } from "./session-cookie";

/**
 * Remembers, for the length of one SSO round trip, which invitation the
 * person accepted, so that the sign-in can check the IdP vouched for the
 * invited person (the "wrong person" page). It holds the token's SHA-256,
 * never the token, and only narrows what the sign-in accepts.
 */
const NAME = "roster-invitation";

export async function rememberInvitation(tokenHash: string): Promise<void> {
  (await cookies()).set(NAME, tokenHash, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), maxAge: 30 * 60 });
}

export async function acceptedInvitationHash(): Promise<string | null> {
  const v = (await cookies()).get(NAME)?.value;
  return v && /^[0-9a-f]{64}$/.test(v) ? v : null;
}

export async function forgetInvitation(): Promise<void> {
  (await cookies()).delete(NAME);
}
