import { lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { samlUsedAssertions } from "@/lib/db/schema";

/**
 * Records a SAML assertion as used; false when it already was (a replay).
 * One conditional INSERT on a primary key, so two instances racing with the
 * same response cannot both win. The key includes the issuer: IDs are unique
 * per IdP, and one IdP must not be able to burn another's IDs.
 */
export async function markAssertionUsed(db: Executor, p: { issuer: string; assertionId: string; expiresAt: Date }): Promise<boolean> {
  const inserted = await db
    .insert(samlUsedAssertions)
    .values({ assertionId: `${p.issuer} ${p.assertionId}`, expiresAt: p.expiresAt })
    .onConflictDoNothing()
    .returning({ id: samlUsedAssertions.assertionId });
  return inserted.length === 1;
}

/** Rows are needed only until their assertion would be refused as expired anyway. */
export async function purgeExpiredAssertions(db: Executor): Promise<void> {
  await db.delete(samlUsedAssertions).where(lt(samlUsedAssertions.expiresAt, sql`now()`));
}
