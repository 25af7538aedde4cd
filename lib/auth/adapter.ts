import { and, eq, sql } from "drizzle-orm";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "next-auth/adapters";
import { sha256 } from "@/lib/crypto";
import { getDb } from "@/lib/db";
import { authAccounts, sessions, users, verificationTokens, type User } from "@/lib/db/schema";

/**
 * next-auth's database adapter over Roster's own tables. Session cookies are
 * stored only as SHA-256 hashes. Accounts are never created here: people come
 * in through provisioning or an invitation, so `createUser` refuses.
 */
const toAdapterUser = (u: User): AdapterUser => ({
  id: u.id,
  email: u.email,
  emailVerified: u.emailVerifiedAt,
  name: [u.givenName, u.familyName].filter(Boolean).join(" ") || null,
});

export function rosterAdapter(): Adapter {
  return {
    async createUser() {
      throw new Error("Roster accounts are created by provisioning or invitation, not at sign-in");
    },
    async getUser(id) {
      const db = await getDb();
      const [u] = await db.select().from(users).where(eq(users.id, id));
      return u ? toAdapterUser(u) : null;
    },
    async getUserByEmail(email) {
      const db = await getDb();
      const [u] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return u ? toAdapterUser(u) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const db = await getDb();
      const [row] = await db
        .select({ user: users })
        .from(authAccounts)
        .innerJoin(users, eq(users.id, authAccounts.userId))
        .where(and(eq(authAccounts.provider, provider), eq(authAccounts.providerAccountId, providerAccountId)));
      return row ? toAdapterUser(row.user) : null;
    },
    async updateUser(user) {
      const db = await getDb();
      const [u] = await db
        .update(users)
        .set({ emailVerifiedAt: user.emailVerified ?? undefined, updatedAt: new Date() })
        .where(eq(users.id, user.id))
        .returning();
      if (!u) throw new Error("user vanished during sign-in");
      return toAdapterUser(u);
    },
    async linkAccount(account: AdapterAccount) {
      const db = await getDb();
      await db
        .insert(authAccounts)
        .values({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          userId: account.userId,
          type: account.type,
        })
        .onConflictDoNothing();
    },
    async createSession(s) {
      const db = await getDb();
      await db.insert(sessions).values({ tokenHash: sha256(s.sessionToken), userId: s.userId, expiresAt: s.expires });
      return s;
    },
    async getSessionAndUser(sessionToken) {
      const db = await getDb();
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, sha256(sessionToken)));
      if (!row) return null;
      const session: AdapterSession = { sessionToken, userId: row.user.id, expires: row.session.expiresAt };
      return { session, user: toAdapterUser(row.user) };
    },
    async updateSession(s) {
      const db = await getDb();
      if (!s.expires) return null;
      const [row] = await db
        .update(sessions)
        .set({ expiresAt: s.expires })
        .where(eq(sessions.tokenHash, sha256(s.sessionToken)))
        .returning();
      return row ? { sessionToken: s.sessionToken, userId: row.userId, expires: row.expiresAt } : null;
    },
    async deleteSession(sessionToken) {
      const db = await getDb();
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256(sessionToken)));
    },
    async createVerificationToken(t) {
      const db = await getDb();
      // next-auth hands us sha256(token + secret) already; it is what we keep.
      await db.insert(verificationTokens).values({ identifier: t.identifier, tokenHash: t.token, expiresAt: t.expires });
      return t;
    },
    async useVerificationToken({ identifier, token }) {
      const db = await getDb();
      const [row] = await db
        .delete(verificationTokens)
        .where(and(eq(verificationTokens.identifier, identifier), eq(verificationTokens.tokenHash, token)))
        .returning();
      return row ? { identifier: row.identifier, token: row.tokenHash, expires: row.expiresAt } : null;
    },
  };
}
