import { and, desc, eq, isNull } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import { newSecret, sha256 } from "@/lib/crypto";
import type { Executor } from "@/lib/db";
import { scimTokens, type ScimToken } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { isUuid } from "@/lib/validation";
import { emitEvent } from "@/lib/webhooks/emit";
import { getOrganisation } from "./organisations";

/**
 * The organisation's SCIM bearer tokens as something admins manage: issue,
 * revoke, list. Authenticating a request with one is the SCIM API's job
 * (lib/scim/tokens.ts), which reads what this module writes.
 */

/** Every token starts with this, so secret scanners (and people) recognise a leaked one. */
export const TOKEN_PREFIX = "scim_";
/** How much of the token the Security page shows to tell tokens apart (never enough to guess it). */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export interface CreatedScimToken {
  id: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  prefix: string;
}

/**
 * Issues a bearer token for an organisation's IdP. Several tokens may be live
 * at once so an admin can rotate without downtime: create the new one, paste it
 * into the IdP, then revoke the old one. Call it inside the caller's transaction.
 */
export async function createScimToken(
  tx: Executor,
  p: { orgId: string; actor: Actor; label?: string | null; expiresAt?: Date | null },
): Promise<CreatedScimToken> {
  authorize(p.actor, "scim.token.issue", { org: await getOrganisation(tx, p.orgId) });
  if (p.expiresAt && p.expiresAt.getTime() <= Date.now()) {
    throw new ValidationError("A token's expiry must be in the future.", "expiresAt");
  }
  const token = newSecret(TOKEN_PREFIX);
  const prefix = token.slice(0, DISPLAY_PREFIX_LENGTH);
  const [row] = await tx
    .insert(scimTokens)
    .values({
      orgId: p.orgId,
      tokenHash: sha256(token),
      prefix,
      label: p.label?.trim() || null,
      createdBy: p.actor.kind === "user" ? p.actor.userId : null,
      expiresAt: p.expiresAt ?? null,
    })
    .returning({ id: scimTokens.id });
  await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "scim.token_created", target: prefix, details: { label: p.label?.trim() || null } });
  // Never the token itself: its id, label, display prefix and expiry.
  await emitEvent(tx, p.orgId, "scim.token.created", {
    resource: "data",
    data: { id: row!.id, prefix, label: p.label?.trim() || null, expiresAt: p.expiresAt?.toISOString() ?? null },
  });
  return { id: row!.id, token, prefix };
}

/** Revokes a token of the organisation at once (every instance forgets it within the auth cache's age). */
export async function revokeScimToken(db: Executor, p: { orgId: string; tokenId: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    authorize(p.actor, "scim.token.revoke", { org: await getOrganisation(tx, p.orgId) });
    const revoked = isUuid(p.tokenId)
      ? await tx
          .update(scimTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(scimTokens.orgId, p.orgId), eq(scimTokens.id, p.tokenId), isNull(scimTokens.revokedAt)))
          .returning({ id: scimTokens.id, prefix: scimTokens.prefix, label: scimTokens.label })
      : [];
    if (!revoked[0]) throw new NotFoundError("Token not found or already revoked");
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "scim.token_revoked", target: revoked[0].prefix });
    await emitEvent(tx, p.orgId, "scim.token.revoked", { resource: "data", data: { ...revoked[0], revokedAt: new Date().toISOString() } });
  });
}

export type ScimTokenSummary = Omit<ScimToken, "tokenHash">;

export async function listScimTokens(db: Executor, orgId: string): Promise<ScimTokenSummary[]> {
  const rows = await db.select().from(scimTokens).where(eq(scimTokens.orgId, orgId)).orderBy(desc(scimTokens.createdAt));
  return rows.map(({ tokenHash: _hash, ...rest }) => rest);
}
