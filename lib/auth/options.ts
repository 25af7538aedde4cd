import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { getDb } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { magicLinkEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { rosterAdapter } from "./adapter";
import { authSecret } from "./secret";
import { magicLinkDecision } from "./sign-in-rules";

const DAY = 24 * 60 * 60;

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  // next-auth builds its callback URLs from NEXTAUTH_URL (else localhost:3000).
  process.env.NEXTAUTH_URL ??= env().APP_URL;
  cached = {
    adapter: rosterAdapter(),
    secret: authSecret(),
    // Database sessions: deleting the rows (deactivation, removal) ends them at the next request.
    session: { strategy: "database", maxAge: 30 * DAY, updateAge: DAY },
    pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
    providers: [
      EmailProvider({
        from: env().EMAIL_FROM,
        maxAge: DAY,
        async sendVerificationRequest({ identifier, url }) {
          const db = await getDb();
          // Same answer on screen whatever the address, so the form cannot be used to probe for accounts.
          const decision = await magicLinkDecision(db, identifier);
          if (!decision.allowed) return;
          await enqueueEmail(db, { kind: "magic_link", to: identifier, ...magicLinkEmail({ url, host: new URL(url).host }) });
        },
      }),
    ],
    callbacks: {
      async signIn({ user, email }) {
        if (email?.verificationRequest) return true;
        if (!user.email) return false;
        const decision = await magicLinkDecision(await getDb(), user.email);
        return decision.allowed ? true : `/login?refused=${decision.reason}`;
      },
      async session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
  };
  return cached;
}
