import { and, eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import type { Executor } from "@/lib/db";
import { memberships } from "@/lib/db/schema";
import { slugify } from "@/lib/validation";

/**
 * The member's segment in public booking URLs (/acme/jane-doe): the email's
 * local part, with a short random suffix only when a colleague has it already.
 */
export async function uniqueMemberSlug(tx: Executor, orgId: string, email: string): Promise<string> {
  const base = memberSlugBase(email);
  const [taken] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.slug, base)));
  return taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
}

/** The slug a member gets when no colleague has it: the email's local part. */
export const memberSlugBase = (email: string) => slugify(email.split("@")[0] ?? email, "member");
