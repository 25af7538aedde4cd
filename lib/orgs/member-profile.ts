import { and, eq, ne, sql } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor, Tx } from "@/lib/db";
import { durableTransaction } from "@/lib/db/durable";
import { together } from "@/lib/db/together";
import { isUniqueViolation } from "@/lib/db/errors";
import { memberships, users, type Membership, type User } from "@/lib/db/schema";
import { ConflictError, PreconditionFailedError, ValidationError } from "@/lib/errors";
import { isEmail } from "@/lib/validation";
import { applyActiveState, lockMembership } from "./lifecycle";
import { assertNotScimManaged, assertUserNameFree } from "./members";
import { getOrganisation } from "./organisations";

/**
 * A member's identity as the IdP describes it (PRODUCT.md "Edit name and
 * email"). Every field is the new value; null clears it. Roles are not here on
 * purpose: they change only on the Admin Management page.
 */
export interface MemberProfile {
  userName: string;
  /** The sign-in email; changing it changes how the person signs in, so it stays unique across Roster. */
  loginEmail: string;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  scimAttributes: Record<string, unknown>;
}

export interface UpdateMemberInput {
  orgId: string;
  membershipId: string;
  actor: Actor;
  /** The version the caller last saw (an ETag's If-Match): a different current version is refused. */
  expectedVersion?: number;
  /**
   * The change, or a function that computes it from the locked current state
   * (a SCIM PATCH is read-modify-write: computing it under the row lock means
   * two parallel PATCHes cannot lose each other's changes).
   */
  change: MemberChange | ((current: UpdatedMember) => MemberChange);
}

export interface MemberChange {
  profile?: MemberProfile;
  /** Deactivate (false) or reactivate (true); absent leaves the state alone. */
  active?: boolean;
}

export interface UpdatedMember {
  membership: Membership;
  user: User;
}

/**
 * Applies a profile change and an activation change as one transaction: a
 * SCIM PUT or PATCH either lands whole or not at all. The seat (if
 * reactivating) is claimed last, after every other write.
 */
export async function updateMember(db: Executor, p: UpdateMemberInput): Promise<UpdatedMember> {
  return durableTransaction(db, async (tx) => {
    const [org, locked] = await together(getOrganisation(tx, p.orgId), lockMembership(tx, p.orgId, p.membershipId));
    if (p.expectedVersion !== undefined && p.expectedVersion !== locked.membership.version) {
      throw new PreconditionFailedError(
        `The user changed since you read it (version ${locked.membership.version}, not ${p.expectedVersion}). Read it again, then retry.`,
      );
    }
    const change = typeof p.change === "function" ? p.change(locked) : p.change;
    let { membership, user } = locked;
    if (change.profile) {
      if (p.actor.kind === "user") assertNotScimManaged(org, "Editing people's name and email");
      ({ membership, user } = await writeProfile(tx, org.id, locked, change.profile));
      if (p.actor.kind !== "scim") {
        await recordAudit(tx, { orgId: org.id, actor: p.actor, action: "member.updated", target: user.email });
      }
    }
    if (change.active !== undefined) {
      membership = (await applyActiveState(tx, org, { membership, user }, change.active, p.actor)) ?? membership;
    }
    return { membership, user };
  });
}

async function writeProfile(
  tx: Tx,
  orgId: string,
  current: UpdatedMember,
  profile: MemberProfile,
): Promise<UpdatedMember> {
  const { membership, user } = current;
  const userName = profile.userName.trim();
  if (!userName) throw new ValidationError("userName cannot be empty.", "userName");
  if (userName.toLowerCase() !== membership.userName.toLowerCase()) {
    await assertUserNameFree(tx, orgId, userName, membership.id);
  }
  const email = profile.loginEmail.trim();
  if (!isEmail(email)) throw new ValidationError(`"${email}" is not a valid email address.`, "email");
  if (email.toLowerCase() !== user.email.toLowerCase()) {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(sql`lower(${users.email}) = lower(${email})`, ne(users.id, user.id)));
    if (taken) throw new ConflictError(`The email ${email} is already used by another account.`, "email");
  }
  // IdPs resend what they sent before (Okta's deactivation is a full PATCH of unchanged attributes):
  // nothing to write means no write, and the version (the ETag) stays.
  const userChanged = email !== user.email || profile.givenName !== user.givenName || profile.familyName !== user.familyName;
  const memberChanged =
    userName !== membership.userName ||
    profile.externalId !== membership.externalId ||
    profile.displayName !== membership.displayName ||
    !isDeepStrictEqual(profile.scimAttributes, membership.scimAttributes);
  if (!userChanged && !memberChanged) return current;
  try {
    const [updatedUser, [updatedMembership]] = await together(
      userChanged
        ? tx
            .update(users)
            .set({ email, givenName: profile.givenName, familyName: profile.familyName, updatedAt: new Date() })
            .where(eq(users.id, user.id))
            .returning()
            .then(([row]) => row!)
        : Promise.resolve(user),
      // The membership's version is the resource's ETag, so it moves when only the account's names change too.
      tx
        .update(memberships)
        .set({
          userName,
          externalId: profile.externalId,
          displayName: profile.displayName,
          scimAttributes: profile.scimAttributes,
          updatedAt: new Date(),
          version: sql`${memberships.version} + 1`,
        })
        .where(eq(memberships.id, membership.id))
        .returning(),
    );
    return { membership: updatedMembership!, user: updatedUser };
  } catch (e) {
    // Lost a race with a parallel request that took the same address or userName.
    if (isUniqueViolation(e, "users_email_lower_key")) throw new ConflictError(`The email ${email} is already used by another account.`, "email");
    if (isUniqueViolation(e, "memberships_org_user_name_key")) {
      throw new ConflictError(`A user with userName "${userName}" already exists in this organisation.`, "userName");
    }
    throw e;
  }
}
