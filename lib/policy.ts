import type { Actor } from "@/lib/audit/actor";
import type { Organisation, Role } from "@/lib/db/schema";
import { ForbiddenError, OwnerProtectedError, ScimManagedError } from "@/lib/errors";

/**
 * Who may do what, in one place (docs/architecture.md "The policy").
 *
 * Every mutating domain function calls `authorize(actor, action, target)`
 * before it writes, whatever face called it (the admin API, a page, SCIM, the
 * operator CLI); the admin route wrapper and the admin page guard ask the same
 * question ("console.open"). Nothing else in the code decides who may act: a
 * domain function only gathers the facts the rule needs and passes them here.
 *
 * The rules:
 * - People administer an organisation only as an active owner or admin of
 *   that organisation (their membership travels in the actor: the viewer is
 *   read afresh on every request).
 * - While SCIM is on, people are invited, edited, deactivated, reactivated and
 *   removed only by the IdP (PRODUCT.md), and a group the IdP manages is
 *   read-only in Roster; groups made in Roster stay editable.
 * - The IdP provisions people and groups and nothing else: never roles,
 *   ownership, seats, tokens, SSO or event settings.
 * - The owner is never deactivated or removed (ownership moves first), and
 *   their role changes only by transferring ownership, which only the owner
 *   (or the operator) does. Nobody changes their own role.
 * - Organisations that pay by invoice change seats through their Customer
 *   Success Manager (the operator CLI), not on the Billing page; SCIM turns on
 *   only for Enterprise organisations with SSO set up, unless the operator
 *   sets it up for them.
 * - Creating organisations and their owners is the operator's.
 * - A group kept from a user attribute (issue 17) is read-only to everyone but Roster itself: its
 *   members follow the attribute. Choosing the attribute is an admin's, never the IdP's.
 * - A booking is cancelled by its host or by an owner or admin of the
 *   organisation (a deactivated host's meetings are the admins' to cancel);
 *   never by the IdP.
 *
 * It is pure: the facts come from the caller, so the SCIM hot path (whose
 * organisation is known from authentication) pays no query for it.
 */

/** What a rule may need to know about the organisation acted on. */
export type OrgFacts = Pick<Organisation, "id" | "name" | "scimEnabled">;

/** Rules that only ask "is this your organisation" need nothing more. */
type OrgRef = Pick<Organisation, "id">;

/** The person acted on; `role` decides owner protection, `userId` "not your own role". */
interface MemberFacts {
  userId: string;
  role: Role;
}

/** The booking acted on: whose meeting it is. */
interface BookingFacts {
  hostMembershipId: string;
}

/** The group acted on. */
interface GroupFacts {
  displayName: string;
  managedByIdp: boolean;
  /** Set on a group Roster keeps from a user attribute (lib/orgs/attribute-groups.ts). */
  fromAttribute?: string | null;
}

/**
 * The target each action needs. A member or group that is optional has not
 * been read yet: a domain function asks first with what it knows (the actor
 * and the organisation), reads, then asks again with the member or group, so
 * that someone who may not act at all learns nothing about who exists.
 */
export interface Targets {
  "member.invite": { org: OrgFacts };
  "member.edit": { org: OrgFacts; member?: MemberFacts };
  "member.deactivate": { org: OrgFacts; member?: MemberFacts };
  "member.reactivate": { org: OrgFacts; member?: MemberFacts };
  "member.remove": { org: OrgFacts; member?: MemberFacts };
  "member.role": { org: OrgFacts; member?: MemberFacts };
  "ownership.transfer": { org: OrgFacts };
  "invitation.resend": { org: OrgFacts };
  "invitation.revoke": { org: OrgFacts };
  "group.create": { org: OrgFacts };
  "group.change": { org: OrgFacts; group?: GroupFacts };
  "group.delete": { org: OrgFacts; group?: GroupFacts };
  /** Turning groups from a user attribute on or off (and previewing it). */
  "attribute_groups.set": { org: OrgFacts };
  "seats.add": { org: OrgFacts & Pick<Organisation, "billingMethod"> };
  "seats.remove": { org: OrgFacts };
  "scim.enable": { org: OrgFacts & Pick<Organisation, "plan" | "ssoConfiguredAt"> };
  "scim.disable": { org: OrgFacts };
  "scim.token.issue": { org: OrgFacts };
  "scim.token.revoke": { org: OrgFacts };
  "sso.configure": { org: OrgFacts };
  "sso.remove": { org: OrgFacts };
  "sso.idp_initiated": { org: OrgFacts };
  "default_event.set": { org: OrgRef };
  "managed_event.create": { org: OrgRef };
  "managed_event.update": { org: OrgRef };
  "managed_event.delete": { org: OrgRef };
  /** Webhook endpoints: add, change, rotate the secret, delete, resend, send a test event (owners and admins; never the IdP). */
  "webhook.manage": { org: OrgRef };
  "booking.cancel": { org: OrgRef; booking?: BookingFacts };
  "organisation.create": Record<string, never>;
  "owner.add": { org: OrgFacts };
  /** How long the audit trail keeps entries: the owner's decision (an auditor's requirement, like ownership). */
  "audit.retention": { org: OrgRef };
  /** Owners (not admins) change the mass-deprovisioning guard's settings. */
  "guard.configure": { org: OrgFacts };
  /** Allow or keep blocked what the guard held; add the people waiting for a seat. */
  "guard.decide": { org: OrgFacts };
  "waitlist.admit": { org: OrgFacts };
  "waitlist.dismiss": { org: OrgFacts };
  /** Opening the admin console at all: the page guard and the admin route wrapper. */
  "console.open": { org: OrgRef };
}

export type Action = keyof Targets;

/** What people are told while SCIM manages them (the sentence begins with it). */
const SCIM_MANAGED_WHAT: Partial<Record<Action, string>> = {
  "member.invite": "Invite people",
  "member.edit": "Editing people's name and email",
  "member.deactivate": "Deactivating people",
  "member.reactivate": "Reactivating people",
  "member.remove": "Removing people",
};

/** What the IdP may do over SCIM; everything else is refused to it. */
const SCIM_ACTIONS = new Set<Action>([
  "member.invite",
  "member.edit",
  "member.deactivate",
  "member.reactivate",
  "member.remove",
  "group.create",
  "group.change",
  "group.delete",
]);

/** Actions of the operator (and Roster itself) only. */
const OPERATOR_ACTIONS = new Set<Action>(["organisation.create", "owner.add"]);

/** Throws the domain error that says why the actor may not do this, or returns. */
export function authorize<A extends Action>(actor: Actor, action: A, target: Targets[A]): void {
  const t = target as Partial<{ org: OrgRef & Partial<Organisation>; member: MemberFacts; group: GroupFacts; booking: BookingFacts }>;
  switch (actor.kind) {
    case "user":
      if (OPERATOR_ACTIONS.has(action)) throw new ForbiddenError("Only Roster's operators can do this.");
      if (action === "booking.cancel") return authorizeBookingCancel(actor, t.org, t.booking);
      if (!t.org || !administers(actor, t.org.id)) throw new ForbiddenError("Only owners and admins of the organisation can do this.");
      break;
    case "scim":
      if (!SCIM_ACTIONS.has(action)) throw new ForbiddenError(scimRefusal(action));
      break;
    case "operator":
    case "system":
      break;
  }
  // People-specific rules: the SCIM-managed lock, their own role, who transfers ownership, invoices, SCIM's prerequisites.
  if (actor.kind === "user") {
    const org = t.org!;
    const what = SCIM_MANAGED_WHAT[action];
    if (what && org.scimEnabled) {
      throw new ScimManagedError(
        `${what} is managed by your identity provider while SCIM provisioning is on for ${org.name}. Make the change in your IdP, or turn SCIM off on the Security page.`,
      );
    }
    if ((action === "group.change" || action === "group.delete") && t.group && org.scimEnabled && t.group.managedByIdp) {
      throw new ScimManagedError(
        `"${t.group.displayName}" is managed by your identity provider while SCIM provisioning is on for ${org.name}. Change it in your IdP.`,
      );
    }
    if (action === "member.role" && t.member?.userId === actor.userId) throw new ForbiddenError("You cannot change your own role.");
    if (action === "audit.retention" && actor.membership?.role !== "owner") {
      throw new ForbiddenError("Only the owner can change how long the audit trail is kept. Ask the owner to do it.");
    }
    if (action === "guard.configure" && actor.membership?.role !== "owner") {
      throw new ForbiddenError("Only the owner changes the mass-deprovisioning guard. Ask the owner to do it.");
    }
    // Locking yourself out is never one click away; another admin (or the owner) does it.
    // (The owner hears owner protection instead, below: it says what to do, transfer ownership first.)
    if ((action === "member.deactivate" || action === "member.remove") && t.member?.userId === actor.userId && t.member.role !== "owner") {
      throw new ForbiddenError("You cannot deactivate or remove yourself. Ask another admin or the owner.");
    }
    if (action === "ownership.transfer" && actor.membership?.role !== "owner") {
      throw new ForbiddenError("Only the owner can transfer ownership. Ask the owner to do it.");
    }
    if (action === "seats.add" && org.billingMethod === "invoice") {
      throw new ForbiddenError(
        `${org.name} pays by invoice, so seats cannot be added here. Contact your Customer Success Manager to change your plan.`,
      );
    }
    if (action === "scim.enable") {
      const blocker = scimEnableBlocker(org as Targets["scim.enable"]["org"]);
      if (blocker) throw new ForbiddenError(blocker);
    }
  }
  // A group kept from a user attribute follows that attribute: nobody edits it by hand (Roster's own sync writes directly).
  if ((action === "group.change" || action === "group.delete") && t.group?.fromAttribute && actor.kind !== "system") {
    const what = t.group.fromAttribute === "costCenter" ? "cost center" : t.group.fromAttribute;
    throw new ForbiddenError(
      `"${t.group.displayName}" follows the ${what} your identity provider sends: its members change when people's ${what} does. To edit it by hand, turn off groups from ${what} on the Groups page.`,
    );
  }
  // Owner protection holds for every actor, the operator included.
  if (t.member?.role === "owner") {
    if (action === "member.deactivate") throw OwnerProtectedError.forOwner("deactivated");
    if (action === "member.remove") throw OwnerProtectedError.forOwner("removed");
    if (action === "member.role") throw new OwnerProtectedError("The owner's role changes only by transferring ownership.");
  }
}

/** What the mass-deprovisioning guard is told: the organisation's settings and the counts, as locked. */
export interface DeprovisionFacts {
  enabled: boolean;
  minCount: number;
  percent: number;
  allowedUntil: Date | null;
  /** Memberships of the organisation, in any state. */
  members: number;
  /** Other people deactivated or deleted over SCIM in the last hour (a person counts once, whatever was done to them). */
  lastHour: number;
  now: Date;
}

/** How many SCIM deactivations and deletions an hour go through: the larger of the count and the percentage of members. */
export function deprovisionThreshold(f: Pick<DeprovisionFacts, "minCount" | "percent" | "members">): number {
  return Math.max(f.minCount, Math.floor((f.members * f.percent) / 100));
}

/**
 * Issue 16: one more SCIM deactivation or deletion applies, or is held,
 * because with it the last hour's would exceed the threshold. Off, or
 * allowed by an owner or admin until a time still to come, nothing is held.
 * Pure: lib/orgs/deprovision-guard.ts counts under a lock and asks.
 */
export function deprovisionDecision(f: DeprovisionFacts): "apply" | "hold" {
  if (!f.enabled) return "apply";
  if (f.allowedUntil && f.allowedUntil.getTime() > f.now.getTime()) return "apply";
  return f.lastHour + 1 > deprovisionThreshold(f) ? "hold" : "apply";
}

/** The same question as a yes or no, for what a page shows (never instead of authorize in a domain function). */
export function may<A extends Action>(actor: Actor, action: A, target: Targets[A]): boolean {
  return refusal(actor, action, target) === null;
}

/** Why the actor may not, as authorize would say it, or null when they may: for a page that shows a locked action with its reason. */
export function refusal<A extends Action>(actor: Actor, action: A, target: Targets[A]): string | null {
  try {
    authorize(actor, action, target);
    return null;
  } catch (e) {
    if (e instanceof ForbiddenError || e instanceof ScimManagedError || e instanceof OwnerProtectedError) return e.message;
    throw e;
  }
}

/**
 * A host cancels their own meetings; owners and admins cancel anyone's. Asked
 * first without the booking (any active member of the organisation may go on
 * to look it up), then with it.
 */
function authorizeBookingCancel(actor: Extract<Actor, { kind: "user" }>, org: OrgRef | undefined, booking: BookingFacts | undefined): void {
  const m = actor.membership;
  const member = !!org && !!m && m.orgId === org.id && m.state === "active";
  if (!member) throw new ForbiddenError("Only the host or an admin of the organisation can cancel this booking.");
  if (booking && booking.hostMembershipId !== m.id && !administers(actor, org.id)) {
    throw new ForbiddenError("Only the host or an admin of the organisation can cancel this booking.");
  }
}

/** Whether the person is an active owner or admin of the organisation: the one "admin" test of the app. */
function administers(actor: Extract<Actor, { kind: "user" }>, orgId: string): boolean {
  const m = actor.membership;
  return !!m && m.orgId === orgId && m.state === "active" && (m.role === "owner" || m.role === "admin");
}

function scimRefusal(action: Action): string {
  if (action === "member.role") return "Roles are never set by the identity provider.";
  if (action === "ownership.transfer") return "Ownership is never changed by the identity provider.";
  return "The identity provider cannot make this change.";
}

/**
 * PRODUCT.md: SCIM is for Enterprise organisations, and only after SSO is set
 * up (provisioned people sign in through the IdP). Returns why it cannot be
 * turned on, or null; the Security page shows the same sentence.
 */
export function scimEnableBlocker(org: Pick<Organisation, "plan" | "ssoConfiguredAt">): string | null {
  if (org.plan !== "enterprise") {
    return "SCIM provisioning is part of the Enterprise plan. Contact your Customer Success Manager to upgrade.";
  }
  if (!org.ssoConfiguredAt) {
    return "Set up single sign-on (SAML) first: people provisioned over SCIM sign in through your identity provider.";
  }
  return null;
}
