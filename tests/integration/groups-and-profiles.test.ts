import { eq, sql } from "drizzle-orm";
import { seatUsage } from "@/lib/orgs/seats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, groupMembers, groups, invitations, memberships, users } from "@/lib/db/schema";
import { ConflictError, NotFoundError, OwnerProtectedError, PreconditionFailedError, SeatLimitError, ValidationError } from "@/lib/errors";
import { changeGroup, createGroup, deleteGroup } from "@/lib/orgs/groups";
import { updateMember, type MemberProfile } from "@/lib/orgs/member-profile";
import { inviteMember } from "@/lib/orgs/members";
import { makeOrg, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const invite = (orgId: string, extra: Partial<Parameters<typeof inviteMember>[1]> = {}) =>
  inviteMember(t.db, { orgId, email: `m-${uniq()}@example.com`, actor: scimActor, ...extra });

const profile = (m: { userName: string }, email: string, over: Partial<MemberProfile> = {}): MemberProfile => ({
  userName: m.userName,
  loginEmail: email,
  externalId: null,
  displayName: null,
  givenName: null,
  familyName: null,
  scimAttributes: {},
  ...over,
});

describe(`groups (${testDriver()})`, () => {
  it("create with members, change in one transaction, delete", async () => {
    const org = await makeOrg(t.db);
    const [a, b] = await Promise.all([invite(org.id), invite(org.id)]);
    const g = await createGroup(t.db, { orgId: org.id, displayName: "Sales", members: [{ membershipId: a.membership.id, display: "A" }], actor: scimActor });
    expect(g).toMatchObject({ displayName: "Sales", managedByIdp: true, version: 1 });
    const after = await changeGroup(t.db, { orgId: org.id, groupId: g.id, actor: scimActor }, async (c) => {
      await c.rename("Sales EMEA");
      await c.addMembers([{ membershipId: b.membership.id }, { membershipId: a.membership.id.toUpperCase() }]);
      await c.removeMembers([a.membership.id]);
    });
    expect(after).toMatchObject({ displayName: "Sales EMEA", version: 2 });
    const rows = await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, g.id));
    expect(rows.map((r) => r.membershipId)).toEqual([b.membership.id]);
    await deleteGroup(t.db, { orgId: org.id, groupId: g.id, actor: scimActor });
    expect(await t.db.select().from(groups).where(eq(groups.id, g.id))).toHaveLength(0);
  });

  it("unknown or foreign member ids: ValidationError naming them, and nothing of the change stays", async () => {
    const [org, other] = await Promise.all([makeOrg(t.db), makeOrg(t.db)]);
    const mine = await invite(org.id);
    const foreign = await invite(other.id);
    const g = await createGroup(t.db, { orgId: org.id, displayName: "Ops", actor: scimActor });
    const err = await changeGroup(t.db, { orgId: org.id, groupId: g.id, actor: scimActor }, async (c) => {
      await c.rename("Renamed");
      await c.addMembers([{ membershipId: mine.membership.id }, { membershipId: foreign.membership.id }, { membershipId: "not-a-uuid" }]);
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain(foreign.membership.id);
    expect((err as Error).message).toContain("not-a-uuid");
    const [row] = await t.db.select().from(groups).where(eq(groups.id, g.id));
    expect(row).toMatchObject({ displayName: "Ops", version: 1 });
    expect(await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, g.id))).toHaveLength(0);
    await expect(createGroup(t.db, { orgId: org.id, displayName: "X", members: [{ membershipId: foreign.membership.id }], actor: scimActor })).rejects.toBeInstanceOf(ValidationError);
    expect(await t.db.select().from(groups).where(eq(groups.displayName, "X"))).toHaveLength(0);
  });

  it("names are unique per organisation in any case; another organisation's group is not found; stale versions are refused", async () => {
    const [org, other] = await Promise.all([makeOrg(t.db), makeOrg(t.db)]);
    const g = await createGroup(t.db, { orgId: org.id, displayName: "Finance", actor: scimActor });
    await expect(createGroup(t.db, { orgId: org.id, displayName: "FINANCE", actor: scimActor })).rejects.toBeInstanceOf(ConflictError);
    await expect(createGroup(t.db, { orgId: other.id, displayName: "Finance", actor: scimActor })).resolves.toBeTruthy();
    await expect(changeGroup(t.db, { orgId: other.id, groupId: g.id, actor: scimActor }, async () => {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteGroup(t.db, { orgId: other.id, groupId: g.id, actor: scimActor })).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeGroup(t.db, { orgId: org.id, groupId: g.id, actor: scimActor, expectedVersion: 9 }, async (c) => c.rename("F2"))).rejects.toBeInstanceOf(PreconditionFailedError);
    const renamedOnto = await createGroup(t.db, { orgId: org.id, displayName: "Legal", actor: scimActor });
    await expect(changeGroup(t.db, { orgId: org.id, groupId: renamedOnto.id, actor: scimActor }, async (c) => c.rename("finance"))).rejects.toBeInstanceOf(ConflictError);
  });
});

describe(`member identity and state updates (${testDriver()})`, () => {
  it("profile and login email change together; the version goes up; the role never changes", async () => {
    const org = await makeOrg(t.db);
    const m = await invite(org.id);
    const email = `new-${uniq()}@example.com`;
    const r = await updateMember(t.db, {
      orgId: org.id,
      membershipId: m.membership.id,
      actor: scimActor,
      change: { profile: profile({ userName: "renamed" }, email, { givenName: "G", familyName: "F", displayName: "GF", externalId: "x1", scimAttributes: { title: "T" } }) },
    });
    expect(r.membership).toMatchObject({ userName: "renamed", displayName: "GF", externalId: "x1", scimAttributes: { title: "T" }, version: 2, role: "user" });
    expect(r.user).toMatchObject({ email, givenName: "G", familyName: "F" });
  });

  it("a taken userName or login email is a conflict and nothing changes", async () => {
    const org = await makeOrg(t.db);
    const [a, b] = await Promise.all([invite(org.id), invite(org.id)]);
    await expect(
      updateMember(t.db, { orgId: org.id, membershipId: b.membership.id, actor: scimActor, change: { profile: profile({ userName: a.membership.userName.toUpperCase() }, b.user.email) } }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      updateMember(t.db, { orgId: org.id, membershipId: b.membership.id, actor: scimActor, change: { profile: profile(b.membership, a.user.email.toUpperCase(), { displayName: "no" }) } }),
    ).rejects.toBeInstanceOf(ConflictError);
    const [row] = await t.db.select().from(memberships).where(eq(memberships.id, b.membership.id));
    expect(row).toMatchObject({ userName: b.membership.userName, displayName: null, version: 1 });
  });

  it("deactivate + profile in one call; reactivation without a seat rolls the profile back too", async () => {
    const org = await makeOrg(t.db, { seats: 2 });
    const a = await invite(org.id);
    await updateMember(t.db, { orgId: org.id, membershipId: a.membership.id, actor: scimActor, change: { active: false } });
    await invite(org.id);
    const err = await updateMember(t.db, {
      orgId: org.id,
      membershipId: a.membership.id,
      actor: scimActor,
      change: { active: true, profile: profile(a.membership, a.user.email, { displayName: "should roll back" }) },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SeatLimitError);
    const [row] = await t.db.select().from(memberships).where(eq(memberships.id, a.membership.id));
    expect(row).toMatchObject({ state: "deactivated", displayName: null });
  });

  it("the owner cannot be deactivated; a stale version is refused", async () => {
    const org = await makeOrg(t.db);
    const [owner] = await t.db.select().from(memberships).where(eq(memberships.orgId, org.id));
    await expect(updateMember(t.db, { orgId: org.id, membershipId: owner!.id, actor: scimActor, change: { active: false } })).rejects.toBeInstanceOf(OwnerProtectedError);
    await expect(updateMember(t.db, { orgId: org.id, membershipId: owner!.id, actor: scimActor, expectedVersion: 5, change: {} })).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it("created deactivated: no seat, a revoked invitation and no email; reactivation issues a working one and takes a seat", async () => {
    const org = await makeOrg(t.db, { seats: 3 });
    const m = await invite(org.id, { active: false });
    expect(m.membership.state).toBe("deactivated");
    const seats = async () => (await seatUsage(t.db, org.id)).held;
    expect(await seats()).toBe(1);
    const first = await t.db.select().from(invitations).where(eq(invitations.membershipId, m.membership.id));
    expect(first.map((i) => i.revokedAt instanceof Date)).toEqual([true]);
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, m.user.email))).toHaveLength(0);
    await updateMember(t.db, { orgId: org.id, membershipId: m.membership.id, actor: scimActor, change: { active: true } });
    expect(await seats()).toBe(2);
    const after = await t.db.select().from(invitations).where(eq(invitations.membershipId, m.membership.id));
    expect(after.filter((i) => i.revokedAt === null)).toHaveLength(1);
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, m.user.email))).toHaveLength(1);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.id, m.user.id));
    expect(n!.n).toBe(1);
  });
});
