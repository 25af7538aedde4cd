import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { memberships, users, type User } from "@/lib/db/schema";
import { ConflictError, ValidationError } from "@/lib/errors";
import { isEmail } from "@/lib/validation";

export async function findAccountByEmail(tx: Executor, email: string): Promise<User | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  return user;
}

export interface AccountInput {
  email: string;
  givenName?: string | null;
  familyName?: string | null;
  /** Origin of an account created here: "provisioned" for people an organisation brings in. */
  origin: User["origin"];
}

/**
 * PRODUCT.md: an account belongs to at most one organisation. An existing
 * personal account is linked (not duplicated); an account that already has a
 * membership is a conflict.
 */
export async function findOrCreateJoinableAccount(
  tx: Executor,
  input: AccountInput,
): Promise<{ user: User; created: boolean }> {
  const email = input.email.trim();
  if (!isEmail(email)) throw new ValidationError(`"${email}" is not a valid email address.`, "email");
  // Most accounts are new: the insert comes first (one statement), and only a clash looks at the account that exists.
  // ON CONFLICT waits for a parallel request inserting the same address, then sees its committed account below.
  const [created] = await tx
    .insert(users)
    .values({ email, givenName: input.givenName ?? null, familyName: input.familyName ?? null, origin: input.origin })
    .onConflictDoNothing()
    .returning();
  if (created) return { user: created, created: true };
  const existing = await findAccountByEmail(tx, email);
  // Gone again already (deleted by a parallel request): the same answer as a late duplicate.
  if (!existing) throw new ConflictError(`The email ${email} is already in use.`, "email");
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.userId, existing.id));
  if (member) {
    throw new ConflictError(`The email ${email} already belongs to a member of an organisation.`, "email");
  }
  const names: Partial<User> = {};
  if (input.givenName != null) names.givenName = input.givenName;
  if (input.familyName != null) names.familyName = input.familyName;
  if (Object.keys(names).length === 0) return { user: existing, created: false };
  const [updated] = await tx
    .update(users)
    .set({ ...names, updatedAt: new Date() })
    .where(eq(users.id, existing.id))
    .returning();
  return { user: updated!, created: false };
}
