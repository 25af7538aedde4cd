import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deprovisionings, emailOutbox, heldDeprovisionings, memberships, seatWaitlist } from "@/lib/db/schema";
import { DeprovisionHeldError, SeatLimitError, ValidationError } from "@/lib/errors";
import { addSeats } from "@/lib/orgs/billing";
import { allowedUntil, allowHeld, configureGuard, endAllow, keepBlocked, listHeld } from "@/lib/orgs/deprovision-guard";
import { removeMember } from "@/lib/orgs/lifecycle";
import { updateMember } from "@/lib/orgs/member-profile";
import { inviteMember } from "@/lib/orgs/members";
import { admitWaiting, dismissWaiting, linkAdmitted, listWaiting, recordWaiting } from "@/lib/orgs/seat-waitlist";
import { seatUsage } from "@/lib/orgs/seats";
import { addMember, ownerOf } from "../helpers/admin-fixtures";
import { makeOrg, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** An organisation of `size` people: the owner, one admin, the rest provisioned by the IdP. */
async function orgOf(size: number) {
  const org = await makeOrg(t.db, { seats: size + 5 });
  const admin = await addMember(t.db, org.id, { role: "admin" });
  const people: string[] = [];
  for (let i = 0; i < size - 2; i++) {
    const { membership } = await inviteMember(t.db, { orgId: org.id, email: `p${i}-${uniq()}@example.com`, actor: scimActor });
    people.push(membership.id);
  }
  return { org, admin, people, owner: await ownerOf(t.db, org.id) };
}

const deactivate = (orgId: string, membershipId: string) => updateMember(t.db, { orgId, membershipId, actor: scimActor, change: { active: false } });
const stateOf = async (id: string) => (await t.db.select({ s: memberships.state }).from(memberships).where(eq(memberships.id, id)))[0]?.s;
const heldEmails = async (orgId: string) =>
  t.db.select().from(emailOutbox).where(and(eq(emailOutbox.orgId, orgId), eq(emailOutbox.kind, "deprovision_held")));

describe(`the mass-deprovisioning guard (${testDriver()})`, () => {
  it("in a 40-person organisation the 6th SCIM deactivation is held, recorded once, and owners and admins get one email", async () => {
    const { org, people } = await orgOf(40);
    for (const id of people.slice(0, 5)) await deactivate(org.id, id);
    const sixth = people[5]!;
    const err = await deactivate(org.id, sixth).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeprovisionHeldError);
    expect((err as DeprovisionHeldError).message).toMatch(/^Held by Roster's mass-deprovisioning guard: this deactivation of .* would make more than 5 /);
    expect((err as DeprovisionHeldError).message).toContain("/admin/users");
    expect(await stateOf(sixth)).not.toBe("deactivated");
    // A deletion is held too, and the IdP's retry refreshes the entry rather than adding one.
    const seventh = people[6]!;
    await expect(removeMember(t.db, { orgId: org.id, membershipId: seventh, actor: scimActor })).rejects.toBeInstanceOf(DeprovisionHeldError);
    await expect(deactivate(org.id, sixth)).rejects.toBeInstanceOf(DeprovisionHeldError);
    const held = await listHeld(t.db, org.id);
    expect(held.map((h) => [h.membershipId, h.kind, h.retries])).toEqual([
      [sixth, "deactivate", 1],
      [seventh, "delete", 0],
    ]);
    expect(await stateOf(seventh)).toBeDefined();
    // One email each to the owner and the admin, not one per request.
    const emails = await heldEmails(org.id);
    expect(emails).toHaveLength(2);
    expect(emails[0]!.text).toContain("press Allow on the Users page");
    // Creates, updates and reactivations are never held.
    await inviteMember(t.db, { orgId: org.id, email: `late-${uniq()}@example.com`, actor: scimActor });
    await updateMember(t.db, { orgId: org.id, membershipId: people[0]!, actor: scimActor, change: { active: true } });
    expect(await stateOf(people[0]!)).toBe("invited");
    const [counted] = await t.db.select({ n: sql<number>`count(*)::int` }).from(deprovisionings).where(eq(deprovisionings.orgId, org.id));
    expect(counted!.n).toBe(5);
  });

  it("Allow lifts the guard so the IdP's retries apply; Keep blocked hides the list and keeps refusing", async () => {
    const { org, people, owner, admin } = await orgOf(20);
    for (const id of people.slice(0, 5)) await deactivate(org.id, id);
    await expect(deactivate(org.id, people[5]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
    await expect(deactivate(org.id, people[6]!)).rejects.toBeInstanceOf(DeprovisionHeldError);

    await keepBlocked(t.db, { orgId: org.id, actor: owner.actor });
    expect(await listHeld(t.db, org.id)).toEqual([]);
    await expect(deactivate(org.id, people[5]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
    expect(await stateOf(people[5]!)).toBe("invited");
    // Still on record (dismissed), so a retry does not mail everyone again.
    expect(await heldEmails(org.id)).toHaveLength(2);
    // A new hold after Keep blocked starts a new episode: listed, and mailed again.
    await expect(deactivate(org.id, people[8]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
    expect((await listHeld(t.db, org.id)).map((h) => h.membershipId)).toEqual([people[8]]);
    expect(await heldEmails(org.id)).toHaveLength(4);

    const { actorFor } = await import("../helpers/admin-fixtures");
    const until = await allowHeld(t.db, { orgId: org.id, actor: await actorFor(t.db, admin.membershipId) });
    expect(until.getTime()).toBeGreaterThan(Date.now() + 3 * 3600_000);
    // While allowed, the banner has nothing to ask.
    expect(await listHeld(t.db, org.id)).toEqual([]);
    await deactivate(org.id, people[8]!);
    await deactivate(org.id, people[5]!);
    await removeMember(t.db, { orgId: org.id, membershipId: people[6]!, actor: scimActor });
    expect(await stateOf(people[5]!)).toBe("deactivated");
    expect(await stateOf(people[6]!)).toBeUndefined();
    const left = await t.db.select().from(heldDeprovisionings).where(eq(heldDeprovisionings.orgId, org.id));
    expect(left).toEqual([]);

    // Ending the Allow early: the guard holds again at once, and a plain member may not end it.
    expect(await allowedUntil(t.db, org.id)).toEqual(until);
    await endAllow(t.db, { orgId: org.id, actor: owner.actor });
    expect(await allowedUntil(t.db, org.id)).toBeNull();
    await expect(deactivate(org.id, people[9]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
    const member = await addMember(t.db, org.id, { role: "user" });
    await expect(endAllow(t.db, { orgId: org.id, actor: await actorFor(t.db, member.membershipId) })).rejects.toThrow();
  });

  it("the owner's settings: off lets everything through, a lower count holds sooner, bad numbers are refused", async () => {
    const { org, people, owner } = await orgOf(12);
    await expect(configureGuard(t.db, { orgId: org.id, actor: owner.actor, enabled: true, minCount: 0, percent: 10 })).rejects.toBeInstanceOf(ValidationError);
    await expect(configureGuard(t.db, { orgId: org.id, actor: owner.actor, enabled: true, minCount: 2, percent: 101 })).rejects.toBeInstanceOf(ValidationError);
    await configureGuard(t.db, { orgId: org.id, actor: owner.actor, enabled: true, minCount: 2, percent: 0 });
    await deactivate(org.id, people[0]!);
    await deactivate(org.id, people[1]!);
    await expect(deactivate(org.id, people[2]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
    await configureGuard(t.db, { orgId: org.id, actor: owner.actor, enabled: false, minCount: 2, percent: 0 });
    for (const id of people.slice(2, 8)) await deactivate(org.id, id);
    expect(await stateOf(people[7]!)).toBe("deactivated");
  });

  it("off, as SCIM authentication reports it: deactivations and deletions apply as single statements, uncounted; switching off drops what was held", async () => {
    const { org, people, owner } = await orgOf(14);
    await configureGuard(t.db, { orgId: org.id, actor: owner.actor, enabled: true, minCount: 2, percent: 0 });
    await deactivate(org.id, people[0]!);
    await deactivate(org.id, people[1]!);
    await expect(deactivate(org.id, people[2]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
    expect(await listHeld(t.db, org.id)).toHaveLength(1);
    await configureGuard(t.db, { orgId: org.id, actor: owner.actor, enabled: false, minCount: 2, percent: 0 });
    expect(await listHeld(t.db, org.id)).toEqual([]);
    // What lib/scim/tokens.ts hands the SCIM handlers for this organisation now.
    const known = { ...org, attributeGroups: null, deprovisionGuard: false };
    for (const id of people.slice(2, 8)) await updateMember(t.db, { orgId: org.id, membershipId: id, actor: scimActor, org: known, change: { active: false } });
    for (const id of people.slice(8, 10)) await removeMember(t.db, { orgId: org.id, membershipId: id, actor: scimActor, org: known });
    expect(await stateOf(people[7]!)).toBe("deactivated");
    expect(await stateOf(people[9]!)).toBeUndefined();
    const counted = async () =>
      (await t.db.select({ n: sql<number>`count(*)::int` }).from(deprovisionings).where(eq(deprovisionings.orgId, org.id)))[0]!.n;
    expect(await counted()).toBe(2);
    // Back on, it counts again: the two of this hour already reach the threshold.
    await configureGuard(t.db, { orgId: org.id, actor: owner.actor, enabled: true, minCount: 2, percent: 0 });
    await expect(deactivate(org.id, people[10]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
  });

  it("counts people, not requests: a person deactivated and then deleted within the hour counts once", async () => {
    const { org, people } = await orgOf(20);
    for (const id of people.slice(0, 5)) await deactivate(org.id, id);
    // Five people so far; deleting two of them (and retrying one) makes no sixth.
    await removeMember(t.db, { orgId: org.id, membershipId: people[0]!, actor: scimActor });
    await removeMember(t.db, { orgId: org.id, membershipId: people[1]!, actor: scimActor });
    expect(await stateOf(people[1]!)).toBeUndefined();
    await expect(deactivate(org.id, people[5]!)).rejects.toBeInstanceOf(DeprovisionHeldError);
    await expect(removeMember(t.db, { orgId: org.id, membershipId: people[6]!, actor: scimActor })).rejects.toBeInstanceOf(DeprovisionHeldError);
  });

  it("parallel deactivations count under the lock: exactly the threshold goes through", async () => {
    const { org, people } = await orgOf(30);
    const results = await Promise.allSettled(people.slice(0, 20).map((id) => deactivate(org.id, id)));
    const applied = results.filter((r) => r.status === "fulfilled");
    const held = results.filter((r) => r.status === "rejected");
    expect(applied).toHaveLength(5);
    for (const r of held) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DeprovisionHeldError);
    const [n] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.state, "deactivated")));
    expect(n!.n).toBe(5);
    expect(await listHeld(t.db, org.id)).toHaveLength(15);
  });
});

describe(`the seat waiting list (${testDriver()})`, () => {
  const refused = (orgId: string, userName: string, externalId: string) => ({
    orgId,
    kind: "create" as const,
    userName,
    externalId,
    payload: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, externalId },
    profile: { userName, loginEmail: userName, externalId, displayName: null, givenName: "Wai", familyName: "Ting", scimAttributes: {} },
  });

  it("one entry per userName, refreshed; adding them all takes their seats in one transaction or none", async () => {
    const org = await makeOrg(t.db, { seats: 2 });
    const owner = await ownerOf(t.db, org.id);
    await inviteMember(t.db, { orgId: org.id, email: `full-${uniq()}@example.com`, actor: scimActor });
    await expect(inviteMember(t.db, { orgId: org.id, email: `x-${uniq()}@example.com`, actor: scimActor })).rejects.toBeInstanceOf(SeatLimitError);
    const a = `ana-${uniq()}@example.com`;
    const b = `bo-${uniq()}@example.com`;
    await recordWaiting(t.db, refused(org.id, a, "ext-a"));
    await recordWaiting(t.db, refused(org.id, b, "ext-b"));
    await recordWaiting(t.db, refused(org.id, a.toUpperCase(), "ext-a"));
    expect((await listWaiting(t.db, org.id)).map((w) => w.userName)).toEqual([a.toUpperCase(), b]);

    // Not enough seats: refused with what to do, nothing written.
    await expect(admitWaiting(t.db, { orgId: org.id, actor: owner.actor })).rejects.toThrow("2 people are waiting and 0 seats are free. Add 2 more seats first.");
    await addSeats(t.db, { orgId: org.id, quantity: 1, actor: owner.actor });
    await expect(admitWaiting(t.db, { orgId: org.id, actor: owner.actor })).rejects.toThrow(/Add 1 more seat first/);
    expect(await seatUsage(t.db, org.id)).toMatchObject({ held: 2, seats: 3 });

    await addSeats(t.db, { orgId: org.id, quantity: 1, actor: owner.actor });
    const { added } = await admitWaiting(t.db, { orgId: org.id, actor: owner.actor });
    expect(added.map((m) => [m.membership.source, m.membership.externalId, m.membership.state])).toEqual([
      ["scim", "ext-a", "invited"],
      ["scim", "ext-b", "invited"],
    ]);
    expect(await seatUsage(t.db, org.id)).toEqual({ seats: 4, held: 4, available: 0 });
    expect(await listWaiting(t.db, org.id)).toEqual([]);

    // The IdP's retried POST links to the member once; after that the entry is gone.
    expect(await linkAdmitted(t.db, org.id, a)).toBe(added[0]!.membership.id);
    expect(await linkAdmitted(t.db, org.id, a)).toBeUndefined();
    expect(await linkAdmitted(t.db, org.id, b)).toBe(added[1]!.membership.id);
    expect(await t.db.select().from(seatWaitlist).where(eq(seatWaitlist.orgId, org.id))).toEqual([]);
  });

  it("the IdP's own create, once a seat is free, takes the person off the list in the same statement; an admin's invite does not", async () => {
    const org = await makeOrg(t.db, { seats: 5 });
    const owner = await ownerOf(t.db, org.id);
    const viaIdp = `idp-${uniq()}@example.com`;
    const viaAdmin = `admin-${uniq()}@example.com`;
    await recordWaiting(t.db, refused(org.id, viaIdp.toUpperCase(), "ext-idp"));
    await recordWaiting(t.db, refused(org.id, viaAdmin, "ext-admin"));
    await inviteMember(t.db, { orgId: org.id, org, email: viaIdp, actor: scimActor });
    await inviteMember(t.db, { orgId: org.id, email: viaAdmin, actor: owner.actor });
    expect((await listWaiting(t.db, org.id)).map((w) => w.userName)).toEqual([viaAdmin]);
  });

  it("an admin dismisses an entry; nobody waiting is a plain refusal", async () => {
    const org = await makeOrg(t.db, { seats: 1 });
    const owner = await ownerOf(t.db, org.id);
    await expect(admitWaiting(t.db, { orgId: org.id, actor: owner.actor })).rejects.toThrow("Nobody is waiting for a seat.");
    await recordWaiting(t.db, refused(org.id, `c-${uniq()}@example.com`, "ext-c"));
    const [entry] = await listWaiting(t.db, org.id);
    await dismissWaiting(t.db, { orgId: org.id, id: entry!.id, actor: owner.actor });
    expect(await listWaiting(t.db, org.id)).toEqual([]);
    await expect(dismissWaiting(t.db, { orgId: org.id, id: entry!.id, actor: owner.actor })).rejects.toThrow("That waiting entry is gone.");
    await expect(dismissWaiting(t.db, { orgId: org.id, id: "not-a-uuid", actor: owner.actor })).rejects.toThrow("That waiting entry is gone.");
  });
});
