import type { Actor } from "@/lib/audit/actor";
import { personName } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Membership, Organisation, User } from "@/lib/db/schema";
import { announceQueuedEmail } from "@/lib/email/outbox";
import { ConflictError, ValidationError } from "@/lib/errors";
import { authorize, type OrgFacts } from "@/lib/policy";
import { isEmail } from "@/lib/validation";
import { inTransaction } from "@/lib/db/statement";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { emitEvent, withEvents } from "@/lib/webhooks/emit";
import { findOrCreateJoinableAccount } from "./accounts";
import { attributeValue, followAttribute } from "./attribute-groups";
import { prepareInvitation } from "./invitations";
import { rememberMember } from "./member-change";
import { writeNewMember, type NewMemberOrg, type NewMemberRows } from "./new-member";
import { getOrganisation } from "./organisations";
import { isSeatLimitViolation, seatLimitError } from "./seats";

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
  /** The organisation as the caller already knows it (SCIM: from authentication); read afresh when absent. */
  org?: NewMemberOrg & OrgFacts & Pick<Organisation, "attributeGroups">;
  /**
   * false: the IdP provisions someone who is disabled at the source. They are
   * created deactivated: no seat, and their invitation is recorded revoked with
   * no email; reactivation sends a working one.
   */
  active?: boolean;
  actor: Actor;
  /** Who the member belongs to; defaults from the actor (the IdP's are "scim"). Members added from the seat waiting list are the IdP's too. */
  source?: Membership["source"];
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
 *
 * The policy is asked first. A new address from the IdP, whose organisation
 * authentication already read, is one statement (lib/orgs/new-member.ts). An
 * address that already has an account, or an invitation by a person, takes a
 * transaction: the organisation is read afresh for the policy, the account
 * must be free to join (PRODUCT.md: one organisation per account), then the
 * same statement links it, with its audit entry.
 */
export async function inviteMember(db: Executor, input: InviteMemberInput): Promise<InvitedMember> {
  const userName = (input.userName ?? input.email).trim();
  const email = input.email.trim();
  if (!isEmail(email)) throw new ValidationError(`"${email}" is not a valid email address.`, "email");
  // The IdP's organisation as authentication read it: a new address is then one statement, audit entry included.
  const known = input.org && input.actor.kind === "scim" ? input.org : undefined;
  if (known) authorize(input.actor, "member.invite", { org: known });
  const attempt = async (avoidPlainSlug: boolean) => {
    if (known) {
      const rows = rowsFor(input, known, { email, userName, avoidPlainSlug });
      // Groups from an attribute (lib/orgs/attribute-groups.ts): only a new member with a value needs the transaction
      // (or a webhook endpoint that wants member.invited: lib/webhooks/emit.ts).
      const follow = groupToFollow(known, input);
      const events: WebhookEventType[] = input.active === false ? [] : ["member.invited"];
      const subject = (c: { membership: Membership }) => ({ resource: "User" as const, id: c.membership.id });
      const created = !follow
        ? await withEvents(db, known.id, events, (ex) => writeNewMember(ex, rows), subject)
        : await inTransaction(db, async (tx) => {
            const c = await writeNewMember(tx, rows);
            if (c) {
              await followAttribute(tx, { ...follow, membershipId: c.membership.id });
              for (const type of events) await emitEvent(tx, known.id, type, subject(c));
            }
            return c;
          });
      if (created) return { ...created, token: rows.invitation.token };
    }
    return db.transaction(async (tx) => {
      const org = known ?? (await getOrganisation(tx, input.orgId));
      authorize(input.actor, "member.invite", { org });
      const { user } = await findOrCreateJoinableAccount(tx, { email, givenName: input.givenName, familyName: input.familyName, origin: "provisioned" });
      const rows = rowsFor(input, org, { email, userName, avoidPlainSlug, user });
      const created = await writeNewMember(tx, rows);
      if (!created) throw new ConflictError(`The email ${email} is already in use.`, "email");
      const follow = groupToFollow(org, input);
      if (follow) await followAttribute(tx, { ...follow, membershipId: created.membership.id });
      if (input.active !== false) await emitEvent(tx, org.id, "member.invited", { resource: "User", id: created.membership.id });
      return { ...created, token: rows.invitation.token };
    });
  };
  let created: { membership: Membership; user: User; token: string };
  try {
    created = await attempt(false).catch((e: unknown) => {
      // Two new colleagues with the same address local part, at the same moment: the loser takes a suffix.
      if (isUniqueViolation(e, "memberships_org_slug_key")) return attempt(true);
      throw e;
    });
  } catch (e) {
    if (isSeatLimitViolation(e)) {
      // Nothing was written (the refusal rolled it back); the event is the refusal itself.
      await emitEvent(db, input.orgId, "member.seat_refused", { resource: "data", data: { userName, email, externalId: input.externalId ?? null } });
      throw await seatLimitError(db, input.orgId);
    }
    if (isUniqueViolation(e, "memberships_org_user_name_key")) {
      throw new ConflictError(`A user with userName "${userName}" already exists in this organisation.`, "userName");
    }
    if (isUniqueViolation(e, "memberships_user_key")) throw new ConflictError("This account already belongs to a member of an organisation.", "email");
    throw e;
  }
  // A new member's next change (the IdP's first PATCH) can skip reading them: lib/orgs/member-change.ts.
  rememberMember(db, input.orgId, { membership: created.membership, user: created.user, openInvitation: input.active !== false, groups: [] });
  if (input.active === false) return { membership: created.membership, user: created.user };
  announceQueuedEmail();
  return { membership: created.membership, user: created.user, invitationToken: created.token };
}

/** The attribute group a new member joins, if the organisation keeps groups from an attribute and the member has a value. */
function groupToFollow(org: Pick<Organisation, "id" | "attributeGroups">, input: InviteMemberInput) {
  const source = org.attributeGroups;
  const value = source ? attributeValue(source, input.scimAttributes ?? {}) : null;
  return source && value ? { orgId: org.id, source, value } : undefined;
}

function rowsFor(
  input: InviteMemberInput,
  org: NewMemberOrg,
  p: { email: string; userName: string; avoidPlainSlug: boolean; user?: User },
): NewMemberRows {
  const givenName = p.user ? p.user.givenName : (input.givenName ?? null);
  const familyName = p.user ? p.user.familyName : (input.familyName ?? null);
  const active = input.active !== false;
  const invitation = prepareInvitation({
    org,
    email: p.user?.email ?? p.email,
    recipientName: [givenName, familyName].filter(Boolean).join(" ") || null,
    actor: input.actor,
    revoked: !active,
  });
  return {
    org,
    account: p.user ? { existingUserId: p.user.id } : { email: p.email, givenName, familyName },
    loginEmail: p.email,
    state: active ? "invited" : "deactivated",
    source: input.source ?? (input.actor.kind === "scim" ? "scim" : "manual"),
    userName: p.userName,
    externalId: input.externalId ?? null,
    displayName: input.displayName ?? null,
    scimAttributes: input.scimAttributes ?? {},
    invitation,
    claimSeat: active,
    avoidPlainSlug: p.avoidPlainSlug,
    clearsWaitlist: input.actor.kind === "scim",
    audit: {
      actor: input.actor,
      actions: [active ? "member.invited" : "member.created_deactivated"],
      subject: { email: p.user?.email ?? p.email, name: personName({ displayName: input.displayName, givenName, familyName }) },
    },
  };
}
