import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { seatWaitlist, type Membership, type SeatWaitlistEntry, type User } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { isUuid } from "@/lib/validation";
import { updateMember, type MemberProfile } from "./member-profile";
import { inviteMember } from "./members";
import { getOrganisation } from "./organisations";
import { seatUsage } from "./seats";

/**
 * The seat waiting list (issue 16 part 2). A SCIM create or reactivation
 * refused for lack of seats leaves what the IdP sent here; once seats are
 * bought an admin adds everyone waiting in one transaction, as the IdP would
 * have (SCIM-managed, externalId kept), so the IdP's next sync finds them by
 * userName. The IdP never got an id for a refused create, so it retries the
 * POST: `linkAdmitted` turns that retry into the member already added (no
 * second account, no second seat).
 */

/** A refused request, as the SCIM layer hands it over. */
export interface RefusedRequest {
  orgId: string;
  kind: "create" | "reactivate";
  userName: string;
  externalId: string | null;
  membershipId?: string;
  /** The IdP's resource, normalised: what the member is created from. */
  payload: Record<string, unknown>;
  /** The member's profile as the IdP described it (create only). */
  profile?: MemberProfile;
}

/** Records (or refreshes: one entry per userName) a request refused for lack of seats. */
export async function recordWaiting(db: Executor, r: RefusedRequest): Promise<void> {
  const payload = { ...r.payload, ...(r.profile ? { "roster:profile": r.profile } : {}) };
  // The unique index is on lower(user_name): drizzle's builder cannot name an expression as the conflict target.
  await db.execute(sql`insert into seat_waitlist (org_id, kind, user_name, external_id, membership_id, payload)
    values (${r.orgId}, ${r.kind}, ${r.userName}, ${r.externalId}, ${r.membershipId ?? null}, ${JSON.stringify(payload)}::jsonb)
    on conflict (org_id, lower(user_name)) do update set kind = excluded.kind, user_name = excluded.user_name,
      external_id = excluded.external_id, membership_id = excluded.membership_id, payload = excluded.payload,
      last_refused_at = now(), admitted_at = null, admitted_membership_id = null`);
}

/** The people waiting (not yet added), oldest first. */
export async function listWaiting(db: Executor, orgId: string): Promise<SeatWaitlistEntry[]> {
  return db
    .select()
    .from(seatWaitlist)
    .where(and(eq(seatWaitlist.orgId, orgId), isNull(seatWaitlist.admittedAt)))
    .orderBy(asc(seatWaitlist.firstRefusedAt));
}

/**
 * The IdP's retried POST for someone an admin already added from the list:
 * the member it would have created, or undefined. The entry goes: from now on
 * the IdP knows the id.
 */
export async function linkAdmitted(db: Executor, orgId: string, userName: string): Promise<string | undefined> {
  const [row] = await db
    .delete(seatWaitlist)
    .where(and(eq(seatWaitlist.orgId, orgId), sql`lower(${seatWaitlist.userName}) = lower(${userName})`, sql`${seatWaitlist.admittedMembershipId} is not null`))
    .returning({ membershipId: seatWaitlist.admittedMembershipId });
  return row?.membershipId ?? undefined;
}

/**
 * "Add the N people waiting": all of them or none, in one transaction that
 * takes their seats from the same ledger the IdP's creates use (the CHECK on
 * organisation_seats refuses an oversell, and the transaction rolls back).
 */
export async function admitWaiting(db: Executor, p: { orgId: string; actor: Actor }): Promise<{ added: { membership: Membership; user: User }[] }> {
  return db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "waitlist.admit", { org });
    const waiting = await tx
      .select()
      .from(seatWaitlist)
      .where(and(eq(seatWaitlist.orgId, p.orgId), isNull(seatWaitlist.admittedAt)))
      .orderBy(asc(seatWaitlist.firstRefusedAt))
      .for("update");
    if (waiting.length === 0) throw new ValidationError("Nobody is waiting for a seat.");
    const { available } = await seatUsage(tx, p.orgId);
    if (available < waiting.length) {
      throw new ValidationError(
        `${waiting.length} ${waiting.length === 1 ? "person is" : "people are"} waiting and ${available} ${available === 1 ? "seat is" : "seats are"} free. Add ${waiting.length - available} more ${waiting.length - available === 1 ? "seat" : "seats"} first.`,
      );
    }
    // As the IdP would have done it: the IdP's own actions, by Roster on the admin's word (the audit entry below says whose).
    const asIdp: Actor = { kind: "system", reason: "seat waiting list" };
    const added: { membership: Membership; user: User }[] = [];
    for (const w of waiting) {
      if (w.kind === "reactivate" && w.membershipId) {
        const done = await updateMember(tx, { orgId: p.orgId, membershipId: w.membershipId, actor: asIdp, change: { active: true } });
        added.push(done);
        await tx.delete(seatWaitlist).where(eq(seatWaitlist.id, w.id));
        continue;
      }
      const profile = w.payload["roster:profile"] as MemberProfile | undefined;
      if (!profile) throw new ValidationError(`The request for ${w.userName} cannot be replayed; dismiss it and let your IdP retry.`);
      const created = await inviteMember(tx, {
        orgId: p.orgId,
        email: profile.loginEmail,
        userName: profile.userName,
        givenName: profile.givenName,
        familyName: profile.familyName,
        displayName: profile.displayName,
        externalId: profile.externalId,
        scimAttributes: profile.scimAttributes,
        actor: asIdp,
        source: "scim",
      });
      added.push(created);
      await tx.update(seatWaitlist).set({ admittedAt: sql`now()`, admittedMembershipId: created.membership.id }).where(eq(seatWaitlist.id, w.id));
    }
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "waitlist.admitted", target: waiting.map((w) => w.userName).join(", ").slice(0, 500) });
    return { added };
  });
}

/** An admin dismisses one waiting entry (the person should not get a seat). */
export async function dismissWaiting(db: Executor, p: { orgId: string; id: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "waitlist.dismiss", { org });
    if (!isUuid(p.id)) throw new NotFoundError("That waiting entry is gone.");
    const gone = await tx
      .delete(seatWaitlist)
      .where(and(eq(seatWaitlist.orgId, p.orgId), eq(seatWaitlist.id, p.id)))
      .returning({ userName: seatWaitlist.userName });
    if (gone.length === 0) throw new NotFoundError("That waiting entry is gone.");
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "waitlist.dismissed", target: gone[0]!.userName });
  });
}
