import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { constantTimeEqual, sha256 } from "@/lib/crypto";
import type { Executor } from "@/lib/db";
import { changeCache } from "@/lib/db/change-cache";
import { deprovisionGuards, organisations, scimTokens, type Organisation } from "@/lib/db/schema";
import { TOKEN_PREFIX } from "@/lib/orgs/scim-tokens";

/** last_used_at is written at most this often per token, so a busy IdP doesn't pay a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * What a SCIM request knows about its organisation without reading it again:
 * the settings the API needs, as of at most AUTH_CACHE_MAX_AGE_MS ago.
 */
export type ScimOrg = Pick<Organisation, "id" | "name" | "scimEnabled" | "defaultEventTitle" | "defaultEventMinutes" | "attributeGroups"> & {
  /**
   * Whether the mass-deprovisioning guard is on (the default). Off, a deactivation or deletion
   * is one statement with no lock (lib/orgs/deprovision-guard.ts); on, the guard counts under its lock.
   */
  deprovisionGuard: boolean;
};

export type ScimAuthResult =
  | { ok: true; tokenId: string; tokenName: string | null; orgId: string; orgName: string; org: ScimOrg }
  | { ok: false; reason: "missing" | "invalid" | "revoked" | "expired" | "scim_disabled"; orgId?: string; orgName?: string };

/** Reads the token out of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750 §2.1). */
export function bearerToken(header: string | null | undefined): string | null {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

const lastTouched = new Map<string, number>();

/**
 * PRODUCT.md: revoking a token or turning SCIM off takes effect at once. A
 * token's row and its organisation's settings are read on every request, so
 * each instance keeps them for at most this long, and forgets them as soon as
 * the database announces a change to any token or organisation
 * (lib/db/change-cache.ts; the two-instance suite proves it across instances).
 */
const AUTH_CACHE_MAX_AGE_MS = 1_000;
const AUTH_CHANNEL = "roster_auth_changed";

interface TokenRecord {
  id: string;
  orgId: string;
  tokenHash: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  label: string | null;
  org: ScimOrg;
}

const cache = changeCache<TokenRecord>(AUTH_CHANNEL, AUTH_CACHE_MAX_AGE_MS);

async function loadToken(db: Executor, hash: string): Promise<TokenRecord | undefined> {
  const [row] = await db
    .select({
      id: scimTokens.id,
      orgId: scimTokens.orgId,
      tokenHash: scimTokens.tokenHash,
      revokedAt: scimTokens.revokedAt,
      expiresAt: scimTokens.expiresAt,
      lastUsedAt: scimTokens.lastUsedAt,
      label: scimTokens.label,
      org: {
        id: organisations.id,
        name: organisations.name,
        scimEnabled: organisations.scimEnabled,
        defaultEventTitle: organisations.defaultEventTitle,
        defaultEventMinutes: organisations.defaultEventMinutes,
        // Groups from a user attribute: a user change syncs them only when this is set (lib/orgs/attribute-groups.ts).
        attributeGroups: organisations.attributeGroups,
        // An organisation that never touched its guard has no row: on, the default (drizzle/0015 announces changes).
        deprovisionGuard: sql<boolean>`coalesce(${deprovisionGuards.enabled}, true)`,
      },
    })
    .from(scimTokens)
    .innerJoin(organisations, eq(organisations.id, scimTokens.orgId))
    .leftJoin(deprovisionGuards, eq(deprovisionGuards.orgId, scimTokens.orgId))
    .where(eq(scimTokens.tokenHash, hash));
  return row;
}

/**
 * Authenticates an IdP's bearer token: look up its SHA-256 (unique index, or
 * the cache), compare the hashes in constant time anyway (the lookup already
 * matched, but the comparison costs nothing and keeps the check independent
 * of the index), then refuse revoked, expired, and SCIM-disabled organisations.
 */
export async function authenticateScimToken(db: Executor, bearer: string | null): Promise<ScimAuthResult> {
  if (!bearer) return { ok: false, reason: "missing" };
  // A real token is short; refusing long garbage early keeps hashing and lookups cheap.
  if (bearer.length > 200 || !bearer.startsWith(TOKEN_PREFIX)) return { ok: false, reason: "invalid" };
  const hash = sha256(bearer);
  // Only tokens that exist are cached (one entry per token ever issued), never a stranger's guesses.
  const row = await cache.get(hash, () => loadToken(db, hash));
  if (!row || !constantTimeEqual(row.tokenHash, hash)) return { ok: false, reason: "invalid" };
  const who = { orgId: row.orgId, orgName: row.org.name };
  if (row.revokedAt) return { ok: false, reason: "revoked", ...who };
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: "expired", ...who };
  if (!row.org.scimEnabled) return { ok: false, reason: "scim_disabled", ...who };
  await touchLastUsed(db, row.id, row.lastUsedAt);
  return { ok: true, tokenId: row.id, tokenName: row.label, org: row.org, ...who };
}

/**
 * Records "last used" at minute granularity: skipped when this process wrote it
 * recently or the row says it is fresh, and conditional in SQL so that several
 * app instances racing write it once.
 */
async function touchLastUsed(db: Executor, tokenId: string, lastUsedAt: Date | null): Promise<void> {
  const now = Date.now();
  const seen = Math.max(lastTouched.get(tokenId) ?? 0, lastUsedAt?.getTime() ?? 0);
  if (now - seen < LAST_USED_GRANULARITY_MS) return;
  lastTouched.set(tokenId, now);
  const staleBefore = new Date(now - LAST_USED_GRANULARITY_MS);
  await db
    .update(scimTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(eq(scimTokens.id, tokenId), or(isNull(scimTokens.lastUsedAt), lt(scimTokens.lastUsedAt, staleBefore))),
    );
}
