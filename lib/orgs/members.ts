import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { durableTransaction } from "@/lib/db/durable";
import { together } from "@/lib/db/together";
import { isUniqueViolation } from "@/lib/db/errors";
import { memberships, type Membership, type Organisation, type User } from "@/lib/db/schema";
import { ConflictError, ScimManagedError } from "@/lib/errors";
import { giveMemberDefaults } from "@/lib/events/defaults";
import { findOrCreateJoinableAccount } from "./accounts";
import { issueInvitation } from "./invitations";
import { uniqueMemberSlug } from "./member-slug";
import { getOrganisation } from "./organisations";
import { claimSeat } from "./seats";

export interface InviteMemberInput {
  orgId: string;
  email: string;
  /** SCIM userName; defaults to the email. Unique per organisation, case-insensitive. */
  userName?: string;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  externalId?: string | null;
  scimAttributes?: Record<string, unknown>;
  /**
   * false: the IdP provisions someone who is disabled at the source. They are
   * created deactivated: no seat, and their invitation is recorded revoked with
   * no email; reactivation sends a working one.
   */
  active?: boolean;
  actor: Actor;
}

export interface InvitedMember {
  membership: Membership;
  user: User;
  /** Absent when the member was created deactivated (their invitation is revoked until reactivation). */
  invitationToken?: string;
}

/**
 * PRODUCT.md "Add a user": an `invited` membership with role `user` holding a
 * seat, the default event type, and the invitation email — all or nothing.
 * Used by SCIM create and by an admin's manual invitation alike.
 */
export async function inviteMember(db: Executor, input: InviteMemberInput): Promise<InvitedMember> {
  return durableTransaction(db, async (tx) => {
    const userName = (input.userName ?? input.email).trim();
    const email = input.email.trim();
    // Independent checks and the account share round trips (see together); a refusal is reported in this order.
    const [org, , { user }, slug] = await together(
      getOrganisation(tx, input.orgId).then((o) => {
        if (input.actor.kind === "user") assertNotScimManaged(o, "Invite people");
        return o;
      }),
      assertUserNameFree(tx, input.orgId, userName),
      findOrCreateJoinableAccount(tx, { email, givenName: input.givenName, familyName: input.familyName, origin: "provisioned" }),
      // An existing account matches the address case-insensitively, and the slug is lower-case: the input's address gives the same slug.
      uniqueMemberSlug(tx, input.orgId, email),
    );
    const membership = await insertMembership(tx, {
      orgId: org.id,
      userId: user.id,
      role: "user",
      state: input.active === false ? "deactivated" : "invited",
      source: input.actor.kind === "scim" ? "scim" : "manual",
      slug,
      userName,
      externalId: input.externalId ?? null,
      displayName: input.displayName ?? null,
      scimAttributes: input.scimAttributes ?? {},
    });
    const recipientName = [user.givenName, user.familyName].filter(Boolean).join(" ") || null;
    const [, { token }] = await together(
      giveMemberDefaults(tx, { org, membershipId: membership.id, userId: user.id }),
      issueInvitation(tx, {
        org,
        membershipId: membership.id,
        email: user.email,
        recipientName,
        actor: input.actor,
        revoked: input.active === false,
        firstForMember: true,
      }),
    );
    if (input.active === false) return { membership, user };
    if (input.actor.kind !== "scim") {
      await recordAudit(tx, { orgId: org.id, actor: input.actor, action: "member.invited", target: user.email });
    }
    // Last, so the organisation row stays locked only for the commit.
    await claimSeat(tx, org.id);
    return { membership, user, invitationToken: token };
  });
}

export async function assertUserNameFree(tx: Executor, orgId: string, userName: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), sql`lower(${memberships.userName}) = lower(${userName})`));
  if (clash && clash.id !== exceptId) {
    throw new ConflictError(`A user with userName "${userName}" already exists in this organisation.`, "userName");
  }
}

async function insertMembership(tx: Executor, values: typeof memberships.$inferInsert): Promise<Membership> {
  try {
    const [row] = await tx.insert(memberships).values(values).returning();
    return row!;
  } catch (e) {
    if (isUniqueViolation(e, "memberships_org_user_name_key")) {
      throw new ConflictError(`A user with userName "${values.userName}" already exists in this organisation.`, "userName");
    }
    if (isUniqueViolation(e, "memberships_user_key")) {
      throw new ConflictError("This account already belongs to a member of an organisation.", "email");
    }
    throw e;
  }
}

/** PRODUCT.md: while SCIM is enabled, people are added, edited and removed only through the IdP. */
export function assertNotScimManaged(org: Pick<Organisation, "scimEnabled" | "name">, what: string): void {
  if (org.scimEnabled) {
    throw new ScimManagedError(
      `${what} is managed by your identity provider while SCIM provisioning is on for ${org.name}. Make the change in your IdP, or turn SCIM off on the Security page.`,
    );
  }
}
