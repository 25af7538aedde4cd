import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { auditParams } from "@/lib/audit/statement";
import type { Executor, Tx } from "@/lib/db";
import { namedStatement, run } from "@/lib/db/statement";
import { memberships, sessions, users, type Membership, type User } from "@/lib/db/schema";
import { DeprovisionHeldError, NotFoundError, PreconditionFailedError } from "@/lib/errors";
import { authorize, type OrgFacts } from "@/lib/policy";
import { isUuid } from "@/lib/validation";
import { guardDeprovision, guardSwitchedOff, recordHeld } from "./deprovision-guard";
import { forgetMember } from "./member-change";
import { updateMember } from "./member-profile";
import { getOrganisation } from "./organisations";
import { emitEvent, withEvents, type WebhookSubject } from "@/lib/webhooks/emit";

/** Locks and returns a membership of the organisation; other organisations' ids are simply not found. */
export async function lockMembership(tx: Tx, orgId: string, membershipId: string): Promise<{ membership: Membership; user: User }> {
  if (!isUuid(membershipId)) throw new NotFoundError("User not found");
  const [row] = await tx
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.id, membershipId)))
    .for("update", { of: memberships });
  if (!row) throw new NotFoundError("User not found");
  return row;
}

/** Ends every session of the account; the next request of any open tab is refused. */
export async function endSessions(tx: Executor, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * PRODUCT.md "Deactivate" / "Reactivate". Deactivation frees the seat and ends
 * sessions; reactivation takes a seat again (or fails with SeatLimitError) and
 * returns the member to where they were: active if they had joined, else invited.
 * Idempotent: asking for the current state changes nothing. (The same change
 * as a SCIM PATCH of `active`: lib/orgs/member-profile.ts.)
 */
export async function setMemberActive(
  db: Executor,
  p: { orgId: string; membershipId: string; active: boolean; actor: Actor },
): Promise<Membership> {
  const { membership } = await updateMember(db, { orgId: p.orgId, membershipId: p.membershipId, actor: p.actor, change: { active: p.active } });
  return membership;
}

/**
 * PRODUCT.md "Delete", in one statement: permanent. An account the
 * organisation created goes with all its data; an account that existed before
 * joining loses only the membership and the organisation's data (cascades from
 * the membership) and is a free personal account again. The seat comes back if
 * the member held one in the version the delete removed (a parallel
 * deactivation is seen: PostgreSQL re-reads the row it waited for). The owner
 * is never deleted (the policy's owner rule, as the statement applies it), and
 * If-Match (`version`) is checked in the same statement.
 */
const REMOVE = namedStatement<
  {
    role: Membership["role"] | null;
    user_id: string | null;
    version: number | null;
    removed: number;
    email: string | null;
    name: string | null;
    user_name: string | null;
  },
  Record<string, unknown>
>(`with target as (
  select m.id, m.role, m.user_id, m.version, m.user_name, u.email,
    coalesce(nullif(trim(m.display_name), ''), nullif(trim(coalesce(u.given_name, '') || ' ' || coalesce(u.family_name, '')), '')) as name
  from memberships m join users u on u.id = m.user_id where m.org_id = $orgId and m.id = $membershipId
),
gone as (
  delete from memberships m using target t
  where m.id = t.id and m.role <> 'owner' and ($version::int is null or m.version = $version::int)
  returning m.user_id, m.state
),
account as (
  delete from users where id in (select user_id from gone) and origin = 'provisioned'
),
ended_sessions as (
  delete from sessions where user_id in (select user_id from gone)
),
seat as (
  update organisation_seats set held = held - 1 where org_id = $orgId and exists (select 1 from gone where state <> 'deactivated')
),
-- The trail keeps who they were (the account row may be gone with this statement): same statement, no extra round trip.
audit as (
  insert into audit_log (org_id, actor_user_id, actor_label, actor_kind, action, target, subject_id, subject_name, subject_email)
  select $orgId, $auditActorUserId::uuid, $auditActorLabel::text, $auditActorKind::text, 'member.removed', t.email, t.id, t.name, t.email
  from target t where exists (select 1 from gone)
)
select t.role, t.user_id, t.version, t.email, t.name, t.user_name, (select count(*) from gone)::int as removed from (select 1) one left join target t on true`);

/** What member.deleted carries: the person is gone by the time it is sent, so the id (and what is known) instead of their SCIM representation. */
function deletedUser(id: string, known: Record<string, unknown> = {}): WebhookSubject {
  return { resource: "User", id, snapshot: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id, ...known, meta: { resourceType: "User" } } };
}

export async function removeMember(
  db: Executor,
  /** `org`: the organisation as the caller already knows it (SCIM: from authentication); read afresh when absent. */
  p: { orgId: string; membershipId: string; actor: Actor; expectedVersion?: number; org?: OrgFacts & { deprovisionGuard?: boolean } },
): Promise<RemovedMember> {
  const remove = async (ex: Executor, org: OrgFacts): Promise<RemovedMember> => {
    const [r] = await run(ex, REMOVE, {
      orgId: p.orgId,
      membershipId: p.membershipId,
      version: p.expectedVersion ?? null,
      ...auditParams({ actor: p.actor, actions: ["member.removed"], subject: {} }),
    });
    if (r!.removed) return { email: r!.email!, name: r!.name, userName: r!.user_name! };
    if (r!.role === null) throw new NotFoundError("User not found");
    if (p.expectedVersion !== undefined && p.expectedVersion !== r!.version) {
      throw new PreconditionFailedError(`The user changed since you read it (version ${r!.version}, not ${p.expectedVersion}).`);
    }
    // The statement kept the owner: the policy says why.
    authorize(p.actor, "member.remove", { org, member: { userId: r!.user_id!, role: r!.role } });
    // Removed by a parallel request between this statement's snapshot and its delete.
    throw new NotFoundError("User not found");
  };
  // The IdP, in an organisation that turned the mass-deprovisioning guard off: one statement (its audit
  // entry included; a transaction only when a webhook wants the event), the policy asked with what
  // authentication knows.
  if (p.actor.kind === "scim" && p.org && guardSwitchedOff(p.org)) {
    const org = p.org;
    authorize(p.actor, "member.remove", { org });
    if (!isUuid(p.membershipId)) throw new NotFoundError("User not found");
    forgetMember(p.orgId, p.membershipId);
    return withEvents(db, org.id, ["member.deleted"], (ex) => remove(ex, org), (r) =>
      deletedUser(p.membershipId, { userName: r.userName, emails: [{ value: r.email, primary: true }] }),
    );
  }
  // The IdP otherwise: the guard counts the deletion under its lock, in the deletion's transaction (issue 16).
  if (p.actor.kind === "scim") {
    const known = p.org;
    if (known) authorize(p.actor, "member.remove", { org: known });
    try {
      return await db.transaction(async (tx) => {
        const org = known ?? (await getOrganisation(tx, p.orgId));
        authorize(p.actor, "member.remove", { org });
        const { membership } = await lockMembership(tx, p.orgId, p.membershipId);
        authorize(p.actor, "member.remove", { org, member: membership });
        if (p.expectedVersion !== undefined && p.expectedVersion !== membership.version) {
          throw new PreconditionFailedError(`The user changed since you read it (version ${membership.version}, not ${p.expectedVersion}).`);
        }
        await guardDeprovision(tx, { org, membershipId: membership.id, userName: membership.userName, kind: "delete" });
        forgetMember(p.orgId, p.membershipId);
        const removed = await remove(tx, org);
        await emitEvent(tx, org.id, "member.deleted", deletedUser(p.membershipId, { userName: membership.userName, emails: [{ value: removed.email, primary: true }] }));
        return removed;
      });
    } catch (e) {
      if (e instanceof DeprovisionHeldError) await recordHeld(db, e.held);
      throw e;
    }
  }
  return db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "member.remove", { org });
    const { membership, user } = await lockMembership(tx, p.orgId, p.membershipId);
    authorize(p.actor, "member.remove", { org, member: membership });
    forgetMember(p.orgId, p.membershipId);
    const removed = await remove(tx, org);
    await emitEvent(tx, org.id, "member.deleted", deletedUser(p.membershipId, { userName: membership.userName, emails: [{ value: user.email, primary: true }] }));
    return removed;
  });
}

/** Who a removal removed, as they were: the provisioning log and the caller show it after the rows are gone. */
export interface RemovedMember {
  email: string;
  name: string | null;
  userName: string;
}

/**
 * First sign-in of an invited member (invitation accepted): `invited` → `active`.
 * The seat was reserved at provisioning, so nothing changes in the seat count.
 */
export async function markMemberJoined(db: Executor, p: { orgId: string; membershipId: string }): Promise<Membership> {
  return db.transaction(async (tx) => {
    const { membership } = await lockMembership(tx, p.orgId, p.membershipId);
    if (membership.state !== "invited") return membership;
    const now = new Date();
    const [updated] = await tx
      .update(memberships)
      .set({ state: "active", joinedAt: now, stateChangedAt: now, updatedAt: now, version: sql`${memberships.version} + 1` })
      .where(eq(memberships.id, membership.id))
      .returning();
    await emitEvent(tx, p.orgId, "member.activated", { resource: "User", id: membership.id });
    return updated!;
  });
}
