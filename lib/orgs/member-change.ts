import type { Executor } from "@/lib/db";
import { isTransaction, namedStatement, run, statement } from "@/lib/db/statement";
import type { Membership, User } from "@/lib/db/schema";
import { isUuid } from "@/lib/validation";
import { AUDIT_CTE, auditParams, type StatementAudit } from "@/lib/audit/statement";
import type { PreparedInvitation } from "./invitations";
import {
  accountColumns,
  accountFrom,
  memberGroupsColumn,
  membershipColumns,
  membershipFrom,
  type AccountColumns,
  type MemberGroup,
  type MembershipColumns,
} from "./member-columns";

/**
 * The two statements behind every change to a member (lib/orgs/member-profile.ts
 * updateMember): read the member, then write the whole change at once — the
 * membership, the account's names and email, the seat, the sessions a
 * deactivation ends, and the invitation a reactivation may need (and the
 * seat waiting-list entry it settles).
 *
 * The write applies only to the version that was read (optimistic
 * concurrency): a parallel change makes it match nothing, and the caller reads
 * again and recomputes. So a read-modify-write such as a SCIM PATCH never
 * loses a parallel change, and no lock is held while the app server works out
 * the change. Like the create (lib/orgs/new-member.ts), the seat row is locked
 * only while PostgreSQL finishes the statement.
 */
export interface CurrentMember {
  membership: Membership;
  user: User;
  /** The member has an invitation that still works (not used, revoked or expired). */
  openInvitation: boolean;
  groups: MemberGroup[];
}

const GROUPS = memberGroupsColumn("m");

type ReadRow = MembershipColumns & AccountColumns & { openInvitation: boolean; groups: MemberGroup[] };

const read = (lock: boolean) =>
  statement<ReadRow>(`select ${membershipColumns("m")}, ${accountColumns("u")},
    exists (select 1 from invitations i where i.membership_id = m.id and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()) as "openInvitation",
    ${GROUPS}
  from memberships m join users u on u.id = m.user_id where m.org_id = $1 and m.id = $2${lock ? " for update of m" : ""}`);
const READ = read(false);
const READ_LOCKED = read(true);

/** The member, or undefined; `lock` (inside a transaction) holds the membership row until it ends. */
export async function readMember(ex: Executor, orgId: string, membershipId: string, lock = false): Promise<CurrentMember | undefined> {
  if (!isUuid(membershipId)) return undefined;
  const [row] = await run(ex, lock ? READ_LOCKED : READ, [orgId, membershipId]);
  return row && { membership: membershipFrom(row), user: accountFrom(row), openInvitation: row.openInvitation, groups: row.groups };
}

/** A change worked out against a read (CurrentMember): every field is the new value. */
export interface MemberWrite {
  orgId: string;
  membershipId: string;
  /** The version that was read; the write matches nothing if the member changed since. */
  version: number;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  scimAttributes: Record<string, unknown>;
  state: Membership["state"];
  /** Write the account's email and names (they are shared with the account, not the membership's). */
  account?: { email: string; givenName: string | null; familyName: string | null };
  /** +1 claims a seat (refused by the CHECK when none is free), -1 gives one back. */
  seatDelta: -1 | 0 | 1;
  endSessions: boolean;
  /** A new invitation and its email; any invitation still open is revoked. */
  invitation?: PreparedInvitation;
  /** Audit entries to write in the same statement (only if the write lands): one round trip, whoever acts. */
  audit?: StatementAudit;
}

export interface WrittenMember {
  membership: Membership;
  /** The account as written, or undefined when the change did not touch it. */
  user?: User;
  groups: MemberGroup[];
}

type WriteRow = MembershipColumns & { [K in keyof AccountColumns]: AccountColumns[K] | null } & { groups: MemberGroup[] };

const WRITE = namedStatement<WriteRow, Record<string, unknown>>(`with m as (
  update memberships set
    user_name = $userName, external_id = $externalId, display_name = $displayName, scim_attributes = $scimAttributes::jsonb,
    state = $state::member_state,
    state_changed_at = case when state = $state::member_state then state_changed_at else now() end,
    updated_at = now(), version = version + 1
  where org_id = $orgId and id = $membershipId and version = $version
    -- the owner is never deactivated, whatever the caller believed about the row (lib/orgs/member-profile.ts checks first)
    and not (role = 'owner' and $state::member_state = 'deactivated')
  returning *
),
account as (
  update users set email = $email, given_name = $givenName, family_name = $familyName, updated_at = now()
  where $writeAccount::boolean and id = (select user_id from m)
  returning *
),
seat as (
  update organisation_seats set held = held + $seatDelta::int where org_id = $orgId and $seatDelta::int <> 0 and exists (select 1 from m)
),
ended_sessions as (
  delete from sessions where $endSessions::boolean and user_id = (select user_id from m) returning 1
),
-- Sessions a deactivation ended are part of the trail (an auditor asks whether the person was signed out).
sessions_audit as (
  insert into audit_log (org_id, actor_user_id, actor_label, actor_kind, action, target, subject_id, subject_name, subject_email, details)
  select m.org_id, $auditActorUserId::uuid, $auditActorLabel::text, $auditActorKind::text, 'member.sessions_ended', $auditSubjectEmail::text, m.id,
    $auditSubjectName::text, $auditSubjectEmail::text, jsonb_build_object('sessions', (select count(*) from ended_sessions))
  from m where cardinality($auditActions::text[]) > 0 and exists (select 1 from ended_sessions)
),
-- Someone waiting for their seat back (a refused reactivation, issue 16) is not waiting once they have it, whoever reactivated them.
waited as (
  delete from seat_waitlist w where $seatDelta::int = 1 and w.org_id = $orgId and w.membership_id = (select id from m)
),
replaced_invitations as (
  update invitations set revoked_at = now()
  where $tokenHash::text is not null and membership_id = (select id from m) and accepted_at is null and revoked_at is null
),
invitation as (
  insert into invitations (org_id, membership_id, token_hash, invited_by, expires_at)
  select m.org_id, m.id, $tokenHash, $invitedBy::uuid, $expiresAt::timestamptz from m where $tokenHash::text is not null
),
email as (
  insert into email_outbox (org_id, kind, "to", subject, text, html)
  select m.org_id, 'invitation', $emailTo, $emailSubject, $emailText, $emailHtml from m where $emailTo::text is not null
),
audit as (
  ${AUDIT_CTE}
)
select ${membershipColumns("m")}, ${accountColumns("u")}, ${GROUPS}
from m left join account u on true`);

/** Writes the change; undefined when the member changed (or went) since it was read. */
export async function writeMember(ex: Executor, w: MemberWrite): Promise<WrittenMember | undefined> {
  const inv = w.invitation;
  const [row] = await run(ex, WRITE, {
    orgId: w.orgId,
    membershipId: w.membershipId,
    version: w.version,
    userName: w.userName,
    externalId: w.externalId,
    displayName: w.displayName,
    scimAttributes: JSON.stringify(w.scimAttributes),
    state: w.state,
    writeAccount: w.account !== undefined,
    email: w.account?.email ?? null,
    givenName: w.account?.givenName ?? null,
    familyName: w.account?.familyName ?? null,
    seatDelta: w.seatDelta,
    endSessions: w.endSessions,
    tokenHash: inv?.tokenHash ?? null,
    invitedBy: inv?.invitedBy ?? null,
    expiresAt: inv?.expiresAt.toISOString() ?? null,
    emailTo: inv?.email?.to ?? null,
    emailSubject: inv?.email?.subject ?? null,
    emailText: inv?.email?.text ?? null,
    emailHtml: inv?.email?.html ?? null,
    ...auditParams(w.audit),
  });
  if (!row) return undefined;
  return {
    membership: membershipFrom(row),
    ...(row["user.id"] !== null ? { user: accountFrom(row as AccountColumns) } : {}),
    groups: row.groups,
  };
}

/**
 * Members this process read or wrote lately, so that the common IdP sequence
 * (create, then PATCH; PATCH, then PATCH again) skips the read: a change is
 * worked out against the remembered version and written with that version as
 * its condition. If anything changed the member since (another request,
 * another instance, the admin console), the write matches nothing and the
 * member is read from the database as usual — a stale entry costs one wasted
 * statement, never a wrong write. Every change to a member's identity moves
 * its version (memberships.version: writeMember, markMemberJoined), which is
 * what makes the version a sound test. Groups and open invitations are not
 * covered by the version: callers re-read when they need those.
 */
/** Entries take about 3.5 KB each (measured), so the memory stays under 70 MB; the oldest go first. */
const RECENT_LIMIT = 20_000;
const recent = new Map<string, CurrentMember>();
const recentKey = (orgId: string, membershipId: string) => `${orgId}:${membershipId}`;

/**
 * Only what was committed: a version written in a transaction that is later rolled back could be
 * written again with other content, so callers pass the executor they wrote with.
 */
export function rememberMember(ex: Executor, orgId: string, m: CurrentMember): void {
  if (isTransaction(ex)) return;
  const key = recentKey(orgId, m.membership.id);
  recent.delete(key); // re-insert: Map order is the eviction order
  recent.set(key, m);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
}

export function recentMember(orgId: string, membershipId: string): CurrentMember | undefined {
  return recent.get(recentKey(orgId, membershipId));
}

export function forgetMember(orgId: string, membershipId: string): void {
  recent.delete(recentKey(orgId, membershipId));
}
