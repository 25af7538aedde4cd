import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor, Tx } from "@/lib/db";
import { run, statement, toDate } from "@/lib/db/statement";
import { deprovisionGuards, deprovisionings, heldDeprovisionings, memberships, users, type DeprovisionGuard, type HeldDeprovisioning } from "@/lib/db/schema";
import { enqueueEmail } from "@/lib/email/outbox";
import { renderEmail } from "@/lib/email/render";
import { env } from "@/lib/env";
import { DeprovisionHeldError, ValidationError } from "@/lib/errors";
import { authorize, deprovisionDecision, deprovisionThreshold, type OrgFacts } from "@/lib/policy";
import { getOrganisation } from "./organisations";

/**
 * The mass-deprovisioning guard (issue 16 part 3). Every SCIM deactivation
 * and deletion asks `guardDeprovision` inside the transaction that applies
 * it: the organisation's guard row is locked first, so two app instances
 * deactivating in parallel count one after the other and no more than the
 * threshold goes through in an hour. The rule itself is the policy's
 * (`deprovisionDecision`); this module only counts and records.
 *
 * The guard counts while it is on (Allow included). An organisation that
 * turned it off pays nothing for it: SCIM authentication carries the setting
 * (lib/scim/tokens.ts), so its deprovisionings skip this module and its lock
 * and stay the single statements they were before the guard existed.
 */

/**
 * Whether a SCIM deprovisioning may skip this module: the organisation, as SCIM authentication knows it,
 * turned the guard off. Unknown (no such fact carried) counts as on.
 */
export const guardSwitchedOff = (org: { deprovisionGuard?: boolean } | undefined): boolean => org?.deprovisionGuard === false;

/** How long Allow lifts the guard: long enough for the IdP's retries (Okta, Entra: within the hour) to go through. */
export const ALLOW_HOURS = 4;
/** What the IdP is told to wait before retrying a held request. */
const RETRY_AFTER_SECONDS = 900;

export type DeprovisionKind = "deactivate" | "delete";

/** Locks (creating with the defaults when absent) and returns the organisation's guard row. */
async function lockGuard(tx: Executor, orgId: string): Promise<DeprovisionGuard> {
  const [row] = await tx
    .insert(deprovisionGuards)
    .values({ orgId })
    .onConflictDoUpdate({ target: deprovisionGuards.orgId, set: { orgId: sql`excluded.org_id` } })
    .returning();
  return row!;
}

/**
 * The threshold is in people, not requests: someone deactivated and then deleted within the hour
 * (Entra's soft delete followed by a delete, an IdP's retry) counts once, so `last_hour` counts the
 * other people deprovisioned, and this one is the "+ 1" of the policy.
 */
const COUNTS = statement<{ members: number; last_hour: number; now: Date | string }>(`select
  (select count(*) from memberships where org_id = $1)::int as members,
  (select count(distinct membership_id) from deprovisionings
    where org_id = $1 and at > now() - interval '1 hour' and membership_id <> $2)::int as last_hour,
  now() as now`);

/** The URL where owners and admins see what is held. */
const heldPageUrl = () => `${env().APP_URL}/admin/users`;

/**
 * Applies or holds one SCIM deprovisioning. Call it inside the transaction
 * that writes the change, before writing: on "apply" the change is counted
 * (and any earlier hold of it forgotten); on "hold" it throws
 * DeprovisionHeldError and the caller's transaction writes nothing (the
 * caller records the hold with `recordHeld` afterwards).
 */
export async function guardDeprovision(
  tx: Tx,
  p: { org: Pick<OrgFacts, "id" | "name">; membershipId: string; userName: string; kind: DeprovisionKind },
): Promise<void> {
  const guard = await lockGuard(tx, p.org.id);
  const [counts] = await run(tx, COUNTS, [p.org.id, p.membershipId]);
  const facts = {
    enabled: guard.enabled,
    minCount: guard.minCount,
    percent: guard.percent,
    allowedUntil: guard.allowedUntil,
    members: Number(counts!.members),
    lastHour: Number(counts!.last_hour),
    now: toDate(counts!.now),
  };
  if (deprovisionDecision(facts) === "hold") {
    const what = p.kind === "delete" ? "deletion" : "deactivation";
    throw new DeprovisionHeldError(
      `Held by Roster's mass-deprovisioning guard: this ${what} of ${p.userName} would make more than ${deprovisionThreshold(facts)} ` +
        `deactivations and deletions in ${p.org.name} within an hour. Nothing was changed. An owner or admin of ${p.org.name} ` +
        `can confirm with Allow at ${heldPageUrl()}; retries then go through.`,
      RETRY_AFTER_SECONDS,
      { orgId: p.org.id, membershipId: p.membershipId, kind: p.kind, userName: p.userName },
    );
  }
  await tx.insert(deprovisionings).values({ orgId: p.org.id, membershipId: p.membershipId, kind: p.kind });
  await tx.delete(heldDeprovisionings).where(eq(heldDeprovisionings.membershipId, p.membershipId));
}

/**
 * Records a held request (a retry refreshes its entry). The first hold of an
 * episode (nothing else held and not dismissed) emails every owner and admin
 * once, through the outbox, in the same transaction.
 */
export async function recordHeld(db: Executor, held: DeprovisionHeldError["held"]): Promise<void> {
  await db.transaction(async (tx) => {
    await lockGuard(tx, held.orgId); // one episode's email, even when two instances hold at once
    const [row] = await tx
      .insert(heldDeprovisionings)
      .values({ orgId: held.orgId, membershipId: held.membershipId, kind: held.kind, userName: held.userName })
      .onConflictDoUpdate({
        target: [heldDeprovisionings.membershipId, heldDeprovisionings.kind],
        set: { lastRetriedAt: sql`now()`, retries: sql`${heldDeprovisionings.retries} + 1` },
      })
      .returning({ id: heldDeprovisionings.id, inserted: sql<boolean>`xmax = 0` });
    if (!row?.inserted) return;
    const [others] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(heldDeprovisionings)
      .where(and(eq(heldDeprovisionings.orgId, held.orgId), isNull(heldDeprovisionings.dismissedAt), sql`${heldDeprovisionings.id} <> ${row.id}`));
    if (Number(others!.n) > 0) return;
    const org = await getOrganisation(tx, held.orgId);
    const admins = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, held.orgId), inArray(memberships.role, ["owner", "admin"]), eq(memberships.state, "active")));
    const email = renderEmail({
      subject: `Roster held deprovisioning requests from your identity provider for ${org.name}`,
      heading: "Deprovisioning held",
      paragraphs: [
        `Your identity provider asked to deactivate or delete more people in ${org.name} within an hour than the mass-deprovisioning guard allows, so Roster held the rest (starting with ${held.userName}). Nobody else was deactivated or deleted.`,
        `If this is intended, press Allow on the Users page: the identity provider's retries then go through for the next ${ALLOW_HOURS} hours. If not, fix the assignment in your identity provider and press Keep blocked.`,
      ],
      action: { label: "Review held requests", url: heldPageUrl() },
      footer: "You get this email once per episode, not once per request.",
    });
    for (const a of admins) await enqueueEmail(tx, { orgId: held.orgId, kind: "deprovision_held", to: a.email, ...email });
  });
}

/**
 * The held requests the banner lists, oldest first: not dismissed (Keep
 * blocked), and not while an Allow is running (their retries will apply; any
 * left when it ends show again).
 */
export async function listHeld(db: Executor, orgId: string): Promise<HeldDeprovisioning[]> {
  return db
    .select()
    .from(heldDeprovisionings)
    .where(
      and(
        eq(heldDeprovisionings.orgId, orgId),
        isNull(heldDeprovisionings.dismissedAt),
        sql`not exists (select 1 from deprovision_guards g where g.org_id = ${orgId} and g.allowed_until > now())`,
      ),
    )
    .orderBy(heldDeprovisionings.firstHeldAt);
}

/** The organisation's guard settings (the defaults when it never touched them) and its member count, for the Security page. */
export async function guardOverview(db: Executor, orgId: string) {
  const [[row], [count]] = await Promise.all([
    db.select().from(deprovisionGuards).where(eq(deprovisionGuards.orgId, orgId)),
    db.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.orgId, orgId)),
  ]);
  const s = row ?? { enabled: true, minCount: 5, percent: 10, allowedUntil: null };
  return { enabled: s.enabled, minCount: s.minCount, percent: s.percent, allowedUntil: s.allowedUntil?.toISOString() ?? null, members: Number(count!.n) };
}

/** Allow: lift the guard for ALLOW_HOURS so the IdP's retries apply. The held entries go as each retry applies. */
export async function allowHeld(db: Executor, p: { orgId: string; actor: Actor }): Promise<Date> {
  return db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "guard.decide", { org });
    await lockGuard(tx, p.orgId);
    const [row] = await tx
      .update(deprovisionGuards)
      .set({ allowedUntil: sql`now() + make_interval(hours => ${ALLOW_HOURS})`, updatedAt: sql`now()` })
      .where(eq(deprovisionGuards.orgId, p.orgId))
      .returning({ allowedUntil: deprovisionGuards.allowedUntil });
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "guard.allowed", target: `for ${ALLOW_HOURS} hours` });
    return row!.allowedUntil!;
  });
}

/** Until when an Allow lifts the guard, or null when it is not lifted now (the Users page says so while it is). */
export async function allowedUntil(db: Executor, orgId: string): Promise<Date | null> {
  const [row] = await db
    .select({ until: deprovisionGuards.allowedUntil })
    .from(deprovisionGuards)
    .where(and(eq(deprovisionGuards.orgId, orgId), sql`${deprovisionGuards.allowedUntil} > now()`));
  return row?.until ?? null;
}

/** Ends an Allow before its time (the IdP's mass change is done, or was a mistake after all): the guard holds again at once. */
export async function endAllow(db: Executor, p: { orgId: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "guard.decide", { org });
    const ended = await tx
      .update(deprovisionGuards)
      .set({ allowedUntil: null, updatedAt: sql`now()` })
      .where(and(eq(deprovisionGuards.orgId, p.orgId), sql`${deprovisionGuards.allowedUntil} > now()`))
      .returning({ orgId: deprovisionGuards.orgId });
    if (ended.length > 0) await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "guard.allow_ended" });
  });
}

/** Keep blocked: the banner forgets what is held now; the IdP's retries stay held. */
export async function keepBlocked(db: Executor, p: { orgId: string; actor: Actor }): Promise<number> {
  return db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "guard.decide", { org });
    const dismissed = await tx
      .update(heldDeprovisionings)
      .set({ dismissedAt: sql`now()` })
      .where(and(eq(heldDeprovisionings.orgId, p.orgId), isNull(heldDeprovisionings.dismissedAt)))
      .returning({ id: heldDeprovisionings.id });
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "guard.kept_blocked", target: `${dismissed.length} held` });
    return dismissed.length;
  });
}

/** The owner's settings: on or off, the count and the percentage. */
export async function configureGuard(
  db: Executor,
  p: { orgId: string; actor: Actor; enabled: boolean; minCount: number; percent: number },
): Promise<void> {
  if (!Number.isInteger(p.minCount) || p.minCount < 1 || p.minCount > 100000) throw new ValidationError("The count must be a whole number from 1.", "minCount");
  if (!Number.isInteger(p.percent) || p.percent < 0 || p.percent > 100) throw new ValidationError("The percentage must be a whole number from 0 to 100.", "percent");
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "guard.configure", { org });
    await lockGuard(tx, p.orgId);
    await tx
      .update(deprovisionGuards)
      .set({ enabled: p.enabled, minCount: p.minCount, percent: p.percent, updatedAt: sql`now()` })
      .where(eq(deprovisionGuards.orgId, p.orgId));
    // Off, nothing is held: the IdP's retries apply (and, with the guard off, are not counted: lib/orgs/member-profile.ts).
    if (!p.enabled) await tx.delete(heldDeprovisionings).where(eq(heldDeprovisionings.orgId, p.orgId));
    const what = p.enabled ? `on: ${p.minCount} or ${p.percent}% an hour` : "off";
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "guard.configured", target: what });
  });
}
