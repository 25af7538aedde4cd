import { isDeepStrictEqual } from "node:util";
import type { Actor } from "@/lib/audit/actor";
import { personName } from "@/lib/audit/log";
import type { Executor, Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { inTransaction } from "@/lib/db/statement";
import type { Membership, Organisation, User } from "@/lib/db/schema";
import { announceQueuedEmail } from "@/lib/email/outbox";
import { ConflictError, DeprovisionHeldError, NotFoundError, PreconditionFailedError, ValidationError } from "@/lib/errors";
import { authorize, type Action, type OrgFacts } from "@/lib/policy";
import { isEmail } from "@/lib/validation";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { emitEvent, withEvents } from "@/lib/webhooks/emit";
import { attributeChanged, attributeValue, followAttribute } from "./attribute-groups";
import { guardDeprovision, guardSwitchedOff, recordHeld } from "./deprovision-guard";
import { prepareInvitation } from "./invitations";
import { forgetMember, readMember, recentMember, rememberMember, writeMember } from "./member-change";
import { getOrganisation } from "./organisations";
import { isSeatLimitViolation, seatLimitError } from "./seats";

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
  /** The organisation as the caller already knows it (SCIM: from authentication); read when needed otherwise. */
  org?: MemberOrg;
}

/**
 * What a member change needs to know of the organisation: the policy's facts, whether groups follow an
 * attribute, and (SCIM, from authentication) whether the mass-deprovisioning guard is on; unknown counts as on.
 */
type MemberOrg = OrgFacts & Pick<Organisation, "attributeGroups"> & { deprovisionGuard?: boolean };

export interface MemberChange {
  profile?: MemberProfile;
  /** Deactivate (false) or reactivate (true); absent leaves the state alone. */
  active?: boolean;
}

export interface UpdatedMember {
  membership: Membership;
  user: User;
  /** The member's groups as the change left them (for the SCIM response). */
  groups?: { id: string; displayName: string }[];
}

/** Optimistic attempts before a change waits for the row lock instead (a member changed by many requests at once). */
const OPTIMISTIC_ATTEMPTS = 8;

/**
 * Applies a profile change and an activation change as one statement: a
 * SCIM PUT or PATCH either lands whole or not at all (lib/orgs/member-change.ts).
 * The change is computed from the member as read and written only if nobody
 * changed them since; otherwise it is computed again from the new state, so
 * two parallel PATCHes never lose each other's changes. Changes that the
 * audit trail records (people, the operator) run in a transaction on the
 * locked row, with their audit entry; the policy is asked before the member
 * is read, and again with who they are.
 */
export async function updateMember(db: Executor, p: UpdateMemberInput): Promise<UpdatedMember> {
  const tried: Tried = {};
  try {
    // The IdP's changes go optimistic (no transaction, no lock): the common PATCH costs one statement.
    if (p.actor.kind === "scim") {
      for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
        const done = await attemptUpdate(db, p, tried, p.org, attempt === 0 ? "remembered" : "read");
        if (done === NEEDS_GUARD) break;
        if (done) return done;
      }
    }
    return await db.transaction(async (tx) => {
      const org = await getOrganisation(tx, p.orgId);
      if (typeof p.change !== "function") for (const action of actionsOf(p.change)) authorize(p.actor, action, { org });
      return (await attemptUpdate(tx, p, tried, org, "locked")) as UpdatedMember;
    });
  } catch (e) {
    forgetMember(p.orgId, p.membershipId);
    // The guard's transaction wrote nothing; the hold is recorded now, on its own.
    if (e instanceof DeprovisionHeldError) {
      await recordHeld(db, e.held);
      throw e;
    }
    if (isSeatLimitViolation(e)) throw await seatLimitError(db, p.orgId);
    // The address or userName is another member's (or was taken by a parallel request).
    if (isUniqueViolation(e, "users_email_lower_key")) throw new ConflictError(`The email ${tried.email} is already used by another account.`, "email");
    if (isUniqueViolation(e, "memberships_org_user_name_key")) {
      throw new ConflictError(`A user with userName "${tried.userName}" already exists in this organisation.`, "userName");
    }
    throw e;
  }
}

/** The values the last attempt wrote, for the message of a uniqueness refusal. */
interface Tried {
  email?: string;
  userName?: string;
}

/**
 * A SCIM deactivation asks the mass-deprovisioning guard, which counts under a lock: it runs in the locked
 * transaction, unless the organisation turned the guard off (then it stays one optimistic statement).
 */
const NEEDS_GUARD = Symbol("needs the deprovisioning guard");

/** One read-compute-write; undefined when the member changed between the read and the write. */
async function attemptUpdate(
  ex: Executor,
  p: UpdateMemberInput,
  tried: Tried,
  known: MemberOrg | undefined,
  how: "remembered" | "read" | "locked",
): Promise<UpdatedMember | undefined | typeof NEEDS_GUARD> {
  // What this process last saw of the member will do if it is still current: the write checks that.
  const remembered = how === "remembered" ? recentMember(p.orgId, p.membershipId) : undefined;
  const current = remembered ?? (await readMember(ex, p.orgId, p.membershipId, how === "locked"));
  if (!current) throw new NotFoundError("User not found");
  const { membership, user } = current;
  if (remembered && p.expectedVersion !== undefined && p.expectedVersion !== membership.version) return undefined; // read it to be sure
  if (p.expectedVersion !== undefined && p.expectedVersion !== membership.version) {
    throw new PreconditionFailedError(
      `The user changed since you read it (version ${membership.version}, not ${p.expectedVersion}). Read it again, then retry.`,
    );
  }
  const change = typeof p.change === "function" ? p.change({ membership, user }) : p.change;
  const profile = change.profile && checkedProfile(change.profile);
  Object.assign(tried, { email: profile?.loginEmail, userName: profile?.userName });
  const account = profile && { email: profile.loginEmail, givenName: profile.givenName, familyName: profile.familyName };
  // IdPs resend what they sent before (Okta's deactivation is a full PATCH of unchanged attributes):
  // nothing to write means no write, and the version (the ETag) stays.
  const accountChanged = account !== undefined && (account.email !== user.email || account.givenName !== user.givenName || account.familyName !== user.familyName);
  const memberChanged =
    profile !== undefined &&
    (profile.userName !== membership.userName ||
      profile.externalId !== membership.externalId ||
      profile.displayName !== membership.displayName ||
      !isDeepStrictEqual(profile.scimAttributes, membership.scimAttributes));
  const isDeactivated = membership.state === "deactivated";
  const activating = change.active !== undefined && change.active === isDeactivated;
  const org: MemberOrg = known ?? (await getOrganisation(ex, p.orgId));
  for (const action of actionsOf(change)) authorize(p.actor, action, { org, member: membership });
  if (!accountChanged && !memberChanged && !activating) {
    // Nothing to write. A remembered member's groups may be out of date (group changes keep the version): read.
    if (remembered) return undefined;
    rememberMember(ex, p.orgId, current);
    return { membership, user, groups: current.groups };
  }

  const reactivating = activating && change.active === true;
  // Issue 16: the IdP's deactivations are counted, and past the threshold held, under the guard row's lock
  // (the locked attempt reads the organisation afresh: its guard is then decided by the database).
  if (activating && !reactivating && p.actor.kind === "scim" && !guardSwitchedOff(org)) {
    if (how !== "locked") return NEEDS_GUARD;
    await guardDeprovision(ex as Tx, { org, membershipId: membership.id, userName: membership.userName, kind: "deactivate" });
  }
  // Whether an invitation still works is not part of the version: a reactivation looks at the database.
  if (reactivating && remembered) return undefined;
  const state = !activating ? membership.state : reactivating ? (membership.joinedAt ? "active" : "invited") : "deactivated";
  // Groups from an attribute (lib/orgs/attribute-groups.ts) follow the value in the change's transaction; only a changed value costs anything.
  const source = org.attributeGroups;
  const follow = source && profile && attributeChanged(source, membership.scimAttributes, profile.scimAttributes) ? source : null;
  // Subscribers hear of it in the same transaction (lib/webhooks/emit.ts); nobody subscribed, nothing changes here.
  const events: WebhookEventType[] = [];
  if (accountChanged || memberChanged) events.push("member.updated");
  if (activating) events.push(reactivating ? "member.reactivated" : "member.deactivated");
  const write = (w: Executor) => writeMember(w, {
    orgId: p.orgId,
    membershipId: membership.id,
    version: membership.version,
    userName: profile?.userName ?? membership.userName,
    externalId: profile ? profile.externalId : membership.externalId,
    displayName: profile ? profile.displayName : membership.displayName,
    scimAttributes: profile?.scimAttributes ?? membership.scimAttributes,
    state,
    ...(accountChanged ? { account } : {}),
    seatDelta: !activating ? 0 : reactivating ? 1 : -1,
    endSessions: activating && !reactivating,
    // The trail's entries go in the same statement: the SCIM path pays no extra round trip for them.
    audit: {
      actor: p.actor,
      actions: [
        ...(accountChanged || memberChanged ? ["member.updated"] : []),
        ...(activating ? [reactivating ? "member.reactivated" : "member.deactivated"] : []),
      ],
      subject: {
        email: account?.email ?? user.email,
        name: personName({
          displayName: profile ? profile.displayName : membership.displayName,
          givenName: account ? account.givenName : user.givenName,
          familyName: account ? account.familyName : user.familyName,
        }),
      },
    },
    // Someone who never joined needs a working invitation again (theirs may have expired, or never been sent).
    ...(reactivating && !membership.joinedAt && !current.openInvitation
      ? {
          invitation: prepareInvitation({
            org,
            email: account?.email ?? user.email,
            recipientName: [account?.givenName ?? user.givenName, account?.familyName ?? user.familyName].filter(Boolean).join(" ") || null,
            actor: p.actor,
          }),
        }
      : {}),
  });
  const subject = (w: { membership: Membership }) => ({ resource: "User" as const, id: w.membership.id });
  const written = !follow
    ? await withEvents(ex, p.orgId, events, write, subject)
    : await inTransaction(ex, async (tx) => {
        const w = await write(tx);
        if (w) {
          await followAttribute(tx, { orgId: p.orgId, source: follow, membershipId: membership.id, value: attributeValue(follow, profile!.scimAttributes) });
          for (const type of events) await emitEvent(tx, p.orgId, type, subject(w));
        }
        return w;
      });
  if (!written) {
    forgetMember(p.orgId, p.membershipId);
    return undefined;
  }
  const after = { membership: written.membership, user: written.user ?? user, groups: written.groups };
  rememberMember(ex, p.orgId, { ...after, openInvitation: current.openInvitation || written.membership.state === "invited" });
  if (reactivating && !membership.joinedAt && !current.openInvitation) announceQueuedEmail();
  return after;
}

/** The policy's actions a change asks for: asking is enough (an unchanged value is still the IdP's to send). */
function actionsOf(change: MemberChange): Action[] {
  const actions: Action[] = [];
  if (change.profile) actions.push("member.edit");
  if (change.active === false) actions.push("member.deactivate");
  if (change.active === true) actions.push("member.reactivate");
  return actions;
}

function checkedProfile(profile: MemberProfile): MemberProfile {
  const userName = profile.userName.trim();
  if (!userName) throw new ValidationError("userName cannot be empty.", "userName");
  const loginEmail = profile.loginEmail.trim();
  if (!isEmail(loginEmail)) throw new ValidationError(`"${loginEmail}" is not a valid email address.`, "email");
  return { ...profile, userName, loginEmail };
}
