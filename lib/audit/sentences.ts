import type { AuditEntry } from "@/lib/db/schema";

/**
 * The audit trail in words: a short label per action (the filter and the CSV's
 * column) and each entry as a sentence people read. Pure, so the audit page,
 * the CSV export, the operator CLI and the setup guide's live panel say the same.
 */

const LABELS: Record<string, string> = {
  "organisation.created": "Organisation created",
  "owner.created": "Owner set",
  "ownership.transferred": "Ownership transferred",
  "member.invited": "Added a member",
  "member.created_deactivated": "Provisioned a deactivated member",
  "member.removed": "Deleted a member",
  "member.deactivated": "Deactivated a member",
  "member.reactivated": "Reactivated a member",
  "member.sessions_ended": "Sessions ended",
  "member.role_changed": "Changed a role",
  "member.updated": "Updated a member",
  "invitation.accepted": "Accepted an invitation",
  "invitation.resent": "Resent an invitation",
  "invitation.revoked": "Revoked an invitation",
  "seats.added": "Added seats",
  "seats.removed": "Removed seats",
  "scim.enabled": "Turned SCIM on",
  "scim.disabled": "Turned SCIM off",
  "scim.token_created": "Created a SCIM token",
  "scim.token_revoked": "Revoked a SCIM token",
  "sso.configured": "Set up single sign-on",
  "sso.replaced": "Replaced the SSO connection",
  "sso.removed": "Removed single sign-on",
  "sso.idp_initiated_on": "Allowed IdP-initiated sign-in",
  "sso.idp_initiated_off": "Stopped IdP-initiated sign-in",
  "group.created": "Created a group",
  "group.updated": "Updated a group",
  "group.deleted": "Deleted a group",
  "managed_event.created": "Created a managed event type",
  "managed_event.updated": "Updated a managed event type",
  "managed_event.deleted": "Deleted a managed event type",
  "default_event.updated": "Changed the default event type",
  "audit.retention_changed": "Changed the audit retention",
  "group.adopted_by_idp": "The IdP took over a group",
  "booking.cancelled": "Cancelled a booking",
  "attribute_groups.enabled": "Turned on groups from an attribute",
  "attribute_groups.disabled": "Turned off groups from an attribute",
  "waitlist.admitted": "Added the people waiting for a seat",
  "waitlist.dismissed": "Dismissed someone waiting for a seat",
  "guard.allowed": "Allowed held deprovisioning",
  "guard.kept_blocked": "Kept deprovisioning blocked",
  "guard.allow_ended": "Ended an Allow early",
  "guard.configured": "Changed the deprovisioning guard",
  "webhook.created": "Added a webhook endpoint",
  "webhook.updated": "Changed a webhook endpoint",
  "webhook.secret_rotated": "Rotated a webhook secret",
  "webhook.deleted": "Deleted a webhook endpoint",
  "webhook.disabled": "Turned off a failing webhook endpoint",
  "signin.sso": "Signed in with SSO",
  "signin.email_link": "Signed in with an email link",
  "signin.break_glass": "Break-glass sign-in",
  "signin.refused": "Sign-in refused",
};

/** A short name for an action; unknown actions (a newer feature) show as recorded. */
export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action;
}

/** Why a sign-in was refused, in words (codes: lib/sso/refusals.ts and lib/auth/sign-in-rules.ts). */
const REFUSALS: Record<string, string> = {
  unknown: "there is no Roster account for the address",
  not_member: "the account is not a member of this organisation",
  deactivated: "the account is deactivated",
  invitation_expired: "the invitation had expired",
  invitation_revoked: "the invitation was replaced or withdrawn",
  invitation_missing: "there was no open invitation",
  wrong_person: "the invitation was someone else's",
  no_email: "the identity provider sent no email address",
  other_session: "someone else was signed in in the same browser",
  invited: "the invitation was not accepted yet",
  sso_required: "the organisation signs in with SSO",
};

const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const count = (n: unknown, one: string) => (typeof n === "number" ? `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}` : `${one}s`);

/** The fields a sentence is made of (an AuditEntry, or the CLI's row). */
type SentenceFields = Pick<AuditEntry, "action" | "actorLabel" | "actorKind" | "target" | "subjectName" | "subjectEmail" | "details">;

/**
 * The entry as a sentence people read: "Okta deactivated Priya Shah",
 * "Ana Ruiz used the break-glass email link". Names are the snapshot taken
 * when it happened, so a deleted person is still named.
 */
export function auditSentence(e: SentenceFields): string {
  const actor = e.actorLabel;
  const who = e.subjectName || e.subjectEmail || e.target || "someone";
  const d = e.details ?? {};
  const t = e.target ?? "";
  switch (e.action) {
    case "organisation.created":
      return `${actor} created the organisation ${t}`;
    case "owner.created":
      return `${actor} made ${who} the owner`;
    case "ownership.transferred":
      return `${actor} transferred ownership to ${who}`;
    case "member.invited":
      return e.actorKind === "scim" ? `${actor} provisioned ${who}` : `${actor} invited ${who}`;
    case "member.created_deactivated":
      return `${actor} provisioned ${who}, deactivated`;
    case "member.removed":
      return `${actor} deleted ${who}`;
    case "member.deactivated":
      return `${actor} deactivated ${who}`;
    case "member.reactivated":
      return `${actor} reactivated ${who}`;
    case "member.sessions_ended":
      return `${who} was signed out (${count(d.sessions, "session")} ended by the deactivation)`;
    case "member.role_changed":
      return `${actor} changed ${who}'s role from ${String(d.from)} to ${String(d.to)}`;
    case "member.updated":
      return `${actor} updated ${who}'s profile`;
    case "invitation.accepted":
      return `${who} accepted their invitation`;
    case "invitation.resent":
      return `${actor} resent ${who}'s invitation`;
    case "invitation.revoked":
      return `${actor} revoked ${who}'s invitation`;
    case "seats.added":
      return `${actor} added ${count(d.quantity, "seat")} (${t})${typeof d.amountDueCents === "number" ? `, charged ${money(d.amountDueCents)}` : ""}`;
    case "seats.removed":
      return `${actor} removed ${count(d.quantity, "seat")} (${t})`;
    case "scim.enabled":
      return `${actor} turned SCIM provisioning on`;
    case "scim.disabled":
      return `${actor} turned SCIM provisioning off`;
    case "scim.token_created":
      return `${actor} created the SCIM token ${typeof d.label === "string" ? `"${d.label}" (${t}…)` : `${t}…`}`;
    case "scim.token_revoked":
      return `${actor} revoked the SCIM token ${t}…`;
    case "sso.configured":
      return `${actor} set up single sign-on with ${t}`;
    case "sso.replaced":
      return `${actor} replaced the SSO connection with ${t}`;
    case "sso.removed":
      return `${actor} removed single sign-on`;
    case "sso.idp_initiated_on":
      return `${actor} allowed sign-in started at the identity provider`;
    case "sso.idp_initiated_off":
      return `${actor} stopped sign-in started at the identity provider`;
    case "group.created":
      return `${actor} created the group ${t}`;
    case "group.updated":
      return `${actor} changed the group ${t}`;
    case "group.deleted":
      return `${actor} deleted the group ${t}`;
    case "managed_event.created":
      return `${actor} created the managed event type ${t}`;
    case "managed_event.updated":
      return `${actor} changed the managed event type ${t}`;
    case "managed_event.deleted":
      return `${actor} deleted the managed event type ${t}`;
    case "default_event.updated":
      return `${actor} set the default event type to ${t}`;
    case "group.adopted_by_idp":
      return `${actor} took over the group ${t}, made in Roster: it is managed by the identity provider from now on`;
    case "booking.cancelled":
      return `${actor} cancelled ${t}${typeof d.attendee === "string" ? ` (booked by ${d.attendee})` : ""}`;
    case "attribute_groups.enabled": {
      const people = typeof d.people === "number" ? `${d.people.toLocaleString("en-US")} ${d.people === 1 ? "person" : "people"}` : null;
      const into = people && typeof d.groups === "number" ? ` (${people} into ${count(d.groups, "group")})` : "";
      return `${actor} turned on groups from the ${t === "costCenter" ? "cost center" : t}${into}`;
    }
    case "attribute_groups.disabled":
      return `${actor} turned off groups from the ${t === "costCenter" ? "cost center" : t}; its groups became ordinary groups`;
    case "waitlist.admitted":
      return `${actor} added the people waiting for a seat: ${t}`;
    case "waitlist.dismissed":
      return `${actor} dismissed ${t} from the seat waiting list`;
    case "guard.allowed":
      return `${actor} allowed the held deactivations and deletions ${t}`;
    case "guard.allow_ended":
      return `${actor} turned the mass-deprovisioning guard back on before the Allow ran out`;
    case "guard.kept_blocked":
      return `${actor} kept the held deactivations and deletions blocked (${t})`;
    case "guard.configured":
      return `${actor} changed the mass-deprovisioning guard: ${t}`;
    case "audit.retention_changed":
      return `${actor} set the audit retention to ${count(d.days, "day")}`;
    case "webhook.created":
      return `${actor} added the webhook endpoint ${t}${Array.isArray(d.events) ? ` for ${d.events.join(", ")}` : ""}`;
    case "webhook.updated": {
      const what = [
        typeof d.url === "string" ? "its URL" : null,
        Array.isArray(d.events) ? `its events to ${d.events.join(", ")}` : null,
        d.enabled === true ? "turned it on" : d.enabled === false ? "turned it off" : null,
      ].filter(Boolean);
      return `${actor} changed the webhook endpoint ${t}${what.length ? `: ${what.join("; ")}` : ""}`;
    }
    case "webhook.secret_rotated":
      return `${actor} rotated the signing secret of the webhook endpoint ${t}`;
    case "webhook.deleted":
      return `${actor} deleted the webhook endpoint ${t}`;
    case "webhook.disabled":
      return `Roster turned off the webhook endpoint ${t}: every delivery failed for three days`;
    case "signin.sso":
      return `${who} signed in with SSO`;
    case "signin.email_link":
      return `${who} signed in with an email link`;
    case "signin.break_glass":
      return `${who} used the break-glass email link (SSO bypassed)`;
    case "signin.refused": {
      const how = d.method === "email_link" ? "an email link" : "SSO";
      return `${who} was refused sign-in with ${how}: ${REFUSALS[String(d.reason)] ?? String(d.reason)}`;
    }
    default:
      return `${actor}: ${auditActionLabel(e.action)}${t ? ` (${t})` : ""}`;
  }
}
