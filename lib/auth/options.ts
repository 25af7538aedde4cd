import type { NextAuthOptions } from "next-auth";
import BoxyHQSAMLProvider from "next-auth/providers/boxyhq-saml";
import EmailProvider from "next-auth/providers/email";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { findAccountByEmail } from "@/lib/orgs/accounts";
import { isUuid } from "@/lib/validation";
import { rosterAdapter } from "./adapter";
import { acceptedInvitationHash, forgetInvitation } from "./invitation-cookie";
import { clientSecretVerifier } from "@/lib/sso/jackson";
import { requestMagicLink } from "./magic-link";
import { authSecret } from "@/lib/auth-secret";
import { currentSessionUserId, SESSION_MAX_AGE_S, secureCookies } from "./session-cookie";
import { admitMagicLinkSignIn } from "./sign-in-rules";
import { admitSsoSignIn, ssoAdmitted, ssoRefusalUrl } from "./sso-sign-in";

const DAY = 24 * 60 * 60;

/** What Jackson's /api/oauth/userinfo answers (lib/sso/jackson.ts): SAML claims plus the tenant that vouched. */
interface JacksonProfile {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  requested?: { tenant?: string; product?: string };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  // next-auth builds its callback URLs from NEXTAUTH_URL (else localhost:3000).
  process.env.NEXTAUTH_URL ??= env().APP_URL;
  cached = {
    adapter: rosterAdapter(),
    secret: authSecret(),
    // Database sessions: deleting the rows (deactivation, removal) ends them at the next request.
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_S, updateAge: DAY },
    // Decided in one place, so that sessions Roster starts itself use the same cookie (lib/auth/session-cookie.ts).
    useSecureCookies: secureCookies(),
    pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
    providers: [
      EmailProvider({
        from: env().EMAIL_FROM,
        maxAge: DAY,
        async sendVerificationRequest({ identifier, url }) {
          await requestMagicLink(await getDb(), identifier, url);
        },
      }),
      BoxyHQSAMLProvider({
        // Jackson is embedded: its OAuth endpoints are this app's /api/oauth/* routes.
        issuer: env().APP_URL,
        clientId: "dummy",
        clientSecret: clientSecretVerifier(),
        // Plain OAuth 2.0 (no OpenID Connect id_token from Jackson).
        authorization: { params: { scope: "" } },
        // The IdP is authoritative for its organisation, and the signIn callback below checks that the
        // address belongs to a member of exactly that organisation before next-auth links the identity.
        allowDangerousEmailAccountLinking: true,
        profile(profile: JacksonProfile) {
          return {
            // Scoped by organisation: two IdPs may well use the same NameID for different people.
            id: `${profile.requested?.tenant ?? "unknown"}:${profile.id}`,
            email: profile.email ?? null,
            name: [profile.firstName, profile.lastName].filter(Boolean).join(" ") || null,
          };
        },
      }),
    ],
    callbacks: {
      async signIn({ user, email, account, profile }) {
        if (email?.verificationRequest) return true;
        if (account?.provider === "boxyhq-saml") return samlSignIn(user.id, profile as JacksonProfile | undefined);
        if (!user.email) return false;
        const decision = await admitMagicLinkSignIn(await getDb(), user.email);
        return decision.allowed ? true : `/login?refused=${decision.reason}`;
      },
      async session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
  };
  return cached;
}

/** SP-initiated SAML sign-in (next-auth's callback): the sign-in rules decide, then next-auth links and starts the session. */
async function samlSignIn(userId: string, profile: JacksonProfile | undefined): Promise<true | string> {
  const db = await getDb();
  const orgId = profile?.requested?.tenant ?? "";
  const invitationTokenHash = await acceptedInvitationHash();
  await forgetInvitation();
  const account = profile?.email ? await findAccountByEmail(db, profile.email) : undefined;
  // next-auth found this IdP identity already linked to an account: it must be the one the email names.
  if (account && isUuid(userId) && userId !== account.id) return ssoRefusalUrl("wrong_person", orgId);
  // Signed in as someone else in this browser: next-auth would link this identity to that account.
  const current = await currentSessionUserId();
  if (current && current !== account?.id) return ssoRefusalUrl("other_session", orgId);
  const decision = await admitSsoSignIn(db, { orgId, email: profile?.email, invitationTokenHash });
  return decision.allowed ? ssoAdmitted() : ssoRefusalUrl(decision.reason, decision.orgId);
}
