import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import type { Executor } from "@/lib/db";
import { organisations } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { setScimEnabled } from "./organisations";
import { createScimToken, type CreatedScimToken } from "./scim-tokens";

/** Token lifetimes an admin can pick on the Security page (null: never expires). */
const TOKEN_LIFETIMES_DAYS = [30, 90, 365, null] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES_DAYS)[number];

function expiryFor(days: TokenLifetime, now = new Date()): Date | null {
  if (days === null) return null;
  if (!TOKEN_LIFETIMES_DAYS.includes(days)) throw new ValidationError("Choose an expiry of 30, 90 or 365 days, or never.", "expiresInDays");
  return new Date(now.getTime() + days * 86_400_000);
}

/**
 * Turns provisioning on and issues the first token, together: an admin never
 * ends up with SCIM on and no way to connect the IdP. The token is returned
 * once; only its hash is kept.
 */
export async function enableScim(
  db: Executor,
  p: { orgId: string; actor: Actor; expiresInDays: TokenLifetime; label?: string | null },
): Promise<CreatedScimToken> {
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, p.orgId)).for("update");
    if (!org) throw new NotFoundError("Organisation not found");
    authorize(p.actor, "scim.enable", { org });
    if (org.scimEnabled) throw new ConflictError("SCIM provisioning is already on. Generate another token instead.");
    await setScimEnabled(tx, p.orgId, true, p.actor);
    return createScimToken(tx, { orgId: p.orgId, actor: p.actor, label: p.label, expiresAt: expiryFor(p.expiresInDays) });
  });
}

/** Turns provisioning off. Tokens are kept (and refused while off), so turning it back on needs no IdP change. */
export async function disableScim(db: Executor, p: { orgId: string; actor: Actor }): Promise<void> {
  await setScimEnabled(db, p.orgId, false, p.actor);
}

export async function issueScimToken(
  db: Executor,
  p: { orgId: string; actor: Actor; expiresInDays: TokenLifetime; label?: string | null },
): Promise<CreatedScimToken> {
  return db.transaction(async (tx) =>
    createScimToken(tx, { orgId: p.orgId, actor: p.actor, label: p.label, expiresAt: expiryFor(p.expiresInDays) }),
  );
}
