import { randomBytes } from "node:crypto";
import type { Executor } from "@/lib/db";
import { namedStatement, run } from "@/lib/db/statement";
import type { Membership, User } from "@/lib/db/schema";
import { DEFAULT_WORKING_HOURS, defaultEventSlug } from "@/lib/events/defaults";
import { AUDIT_CTE, auditParams, type StatementAudit } from "@/lib/audit/statement";
import type { PreparedInvitation } from "./invitations";
import { memberSlugBase } from "./member-slug";
import { accountColumns, accountFrom, membershipColumns, membershipFrom, type AccountColumns, type MembershipColumns } from "./member-columns";

/**
 * Everything a new member is, written by ONE statement: the account (or an
 * existing one), the membership, the default event type and the managed
 * event types given to all members, the working hours, the invitation and
 * its email, and the seat. PRODUCT.md "Add a user" is all or nothing, and a
 * statement is: a refused seat (the CHECK on organisation_seats), a taken
 * userName or a lost race on the account aborts every row of it.
 *
 * Why one statement rather than a transaction of many: the seat row is locked
 * from the claim to the commit. In a transaction the commit is another round
 * trip to a busy app server, so parallel creates queued on that lock for
 * milliseconds each (28 ms per claim, measured at C = 16); inside a single
 * statement the lock lasts while PostgreSQL finishes the statement and
 * commits. It is also one round trip instead of about eleven.
 *
 * PostgreSQL runs a statement's data-modifying CTEs on one snapshot, so none
 * reads another's rows: each takes the membership from `m` and writes its own
 * table, and the one decision that depends on another row (a managed event
 * type's URL name taken by the default event type) is made from the values
 * both are computed from.
 */
export interface NewMemberOrg {
  id: string;
  name: string;
  defaultEventTitle: string;
  defaultEventMinutes: number;
}

export interface NewMemberRows {
  org: NewMemberOrg;
  /** A new account with these details, or the id of an existing account the caller checked is free to join. */
  account: { email: string; givenName: string | null; familyName: string | null } | { existingUserId: string };
  /** The sign-in address: its local part names the member's booking page. */
  loginEmail: string;
  state: "invited" | "deactivated";
  source: Membership["source"];
  userName: string;
  externalId: string | null;
  displayName: string | null;
  scimAttributes: Record<string, unknown>;
  invitation: PreparedInvitation;
  /** Take a seat (invited members hold one; a member created deactivated does not). */
  claimSeat: boolean;
  /** Give the member the slug with a random suffix even if the plain one looks free (after losing a race for it). */
  avoidPlainSlug?: boolean;
  /**
   * The IdP's own create: whoever waited for a seat under this userName (lib/orgs/seat-waitlist.ts) has one
   * now, and the entry goes in the same statement. Not when an admin adds them from the list, which keeps
   * the entry to link the IdP's retry to the member.
   */
  clearsWaitlist?: boolean;
  /** The audit entry, written by the same statement. */
  audit: StatementAudit;
}

type Params = Record<string, unknown>;
type Row = MembershipColumns & AccountColumns;

const REST = `
m as (
  insert into memberships (org_id, user_id, role, state, source, slug, user_name, external_id, display_name, scim_attributes)
  select $orgId, u.id, 'user', $state::member_state, $source::member_source,
    case when $avoidPlainSlug::boolean or exists (select 1 from memberships x where x.org_id = $orgId and x.slug = $slug)
      then $slugWithSuffix else $slug end,
    $userName, $externalId, $displayName, $scimAttributes::jsonb
  from u
  returning *
),
default_event as (
  insert into event_types (user_id, org_id, membership_id, title, slug, duration_minutes, is_default)
  select m.user_id, m.org_id, m.id, $eventTitle, $eventSlug, $eventMinutes, true from m
),
managed_events as (
  insert into event_types (user_id, org_id, membership_id, managed_event_type_id, title, slug, duration_minutes, description, location)
  select m.user_id, m.org_id, m.id, e.id, e.title,
    case when e.slug = $eventSlug then e.slug || '-' || left(e.id::text, 6) else e.slug end,
    e.duration_minutes, e.description, e.location
  from m join managed_event_types e on e.org_id = m.org_id and e.assign_to_all
),
working_hours as (
  insert into availability_rules (membership_id, weekday, start_minute, end_minute)
  select m.id, h.weekday, h.start_minute, h.end_minute
  from m, unnest($weekdays::smallint[], $startMinutes::smallint[], $endMinutes::smallint[]) as h(weekday, start_minute, end_minute)
),
invitation as (
  insert into invitations (org_id, membership_id, token_hash, invited_by, expires_at, revoked_at)
  select m.org_id, m.id, $tokenHash, $invitedBy::uuid, $expiresAt::timestamptz, $revokedAt::timestamptz from m
),
email as (
  insert into email_outbox (org_id, kind, "to", subject, text, html)
  select m.org_id, 'invitation', $emailTo, $emailSubject, $emailText, $emailHtml from m where $emailTo::text is not null
),
seat as (
  update organisation_seats set held = held + 1 where org_id = $orgId and $claimSeat::boolean and exists (select 1 from m)
),
waited as (
  delete from seat_waitlist w
  where $clearsWaitlist::boolean and w.org_id = $orgId and lower(w.user_name) = lower($userName) and exists (select 1 from m)
),
audit as (
  ${AUDIT_CTE}
)
select ${membershipColumns("m")}, ${accountColumns("u")} from m join u on u.id = m.user_id`;

/** A new account; when the address is taken (ON CONFLICT waits for a parallel insert of it), nothing at all is written. */
const WITH_NEW_ACCOUNT = namedStatement<Row, Params>(`with u as (
  insert into users (email, given_name, family_name, origin) values ($email, $givenName, $familyName, 'provisioned')
  on conflict do nothing
  returning *
),${REST}`);

const WITH_EXISTING_ACCOUNT = namedStatement<Row, Params>(`with u as (select * from users where id = $existingUserId),${REST}`);

/**
 * Runs the statement. Undefined means the account's address was taken, and
 * nothing was written: the caller looks at the account that has it.
 */
export async function writeNewMember(ex: Executor, p: NewMemberRows): Promise<{ membership: Membership; user: User } | undefined> {
  const slug = memberSlugBase(p.loginEmail);
  const email = p.invitation.email;
  const params: Params = {
    orgId: p.org.id,
    state: p.state,
    source: p.source,
    slug,
    slugWithSuffix: `${slug}-${randomBytes(3).toString("hex")}`,
    avoidPlainSlug: p.avoidPlainSlug ?? false,
    userName: p.userName,
    externalId: p.externalId,
    displayName: p.displayName,
    scimAttributes: JSON.stringify(p.scimAttributes),
    eventTitle: p.org.defaultEventTitle,
    eventSlug: defaultEventSlug(p.org.defaultEventTitle),
    eventMinutes: p.org.defaultEventMinutes,
    weekdays: DEFAULT_WORKING_HOURS.map((h) => h.weekday),
    startMinutes: DEFAULT_WORKING_HOURS.map((h) => h.startMinute),
    endMinutes: DEFAULT_WORKING_HOURS.map((h) => h.endMinute),
    tokenHash: p.invitation.tokenHash,
    invitedBy: p.invitation.invitedBy,
    expiresAt: p.invitation.expiresAt.toISOString(),
    revokedAt: p.invitation.revokedAt?.toISOString() ?? null,
    emailTo: email?.to ?? null,
    emailSubject: email?.subject ?? null,
    emailText: email?.text ?? null,
    emailHtml: email?.html ?? null,
    claimSeat: p.claimSeat,
    clearsWaitlist: p.clearsWaitlist ?? false,
    ...auditParams(p.audit),
  };
  const [row] =
    "existingUserId" in p.account
      ? await run(ex, WITH_EXISTING_ACCOUNT, { ...params, existingUserId: p.account.existingUserId })
      : await run(ex, WITH_NEW_ACCOUNT, { ...params, email: p.account.email, givenName: p.account.givenName, familyName: p.account.familyName });
  return row && { membership: membershipFrom(row), user: accountFrom(row) };
}
