import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventTypes, memberships, sessions, users } from "@/lib/db/schema";
import { OwnerProtectedError, ScimManagedError } from "@/lib/errors";
import { markMemberJoined, removeMember, setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { setScimEnabled } from "@/lib/orgs/organisations";
import { seatUsage } from "@/lib/orgs/seats";
import { actorFor } from "../helpers/admin-fixtures";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const ownerOf = async (orgId: string) => {
  const [m] = await t.db.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return m!;
};

describe(`member lifecycle (${testDriver()})`, () => {
  it("removing a member the organisation created deletes the account and everything of it", async () => {
    const org = await makeOrg(t.db);
    const { membership, user } = await inviteMember(t.db, { orgId: org.id, email: `gone-${uniq()}@example.com`, actor: scimActor });
    await removeMember(t.db, { orgId: org.id, membershipId: membership.id, actor: scimActor });
    expect(await t.db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
    expect(await t.db.select().from(eventTypes).where(eq(eventTypes.userId, user.id))).toEqual([]);
    expect((await seatUsage(t.db, org.id)).held).toBe(1);
  });

  it("removing a member who had a personal account keeps the account and its personal event types", async () => {
    const org = await makeOrg(t.db);
    const email = `solo-${uniq()}@example.com`;
    const [solo] = await t.db.insert(users).values({ email, origin: "personal" }).returning();
    await t.db.insert(eventTypes).values({ userId: solo!.id, title: "Coffee chat", slug: "coffee", durationMinutes: 15 });

    const { membership, user } = await inviteMember(t.db, { orgId: org.id, email: email.toUpperCase(), actor: scimActor });
    expect(user.id).toBe(solo!.id); // linked, not duplicated, whatever the case of the address
    await t.db.insert(sessions).values({ tokenHash: `h-${uniq()}`, userId: user.id, expiresAt: new Date(Date.now() + 60_000) });

    await removeMember(t.db, { orgId: org.id, membershipId: membership.id, actor: scimActor });
    expect(await t.db.select().from(users).where(eq(users.id, user.id))).toHaveLength(1);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, user.id))).toEqual([]);
    const left = await t.db.select().from(eventTypes).where(eq(eventTypes.userId, user.id));
    expect(left.map((e) => e.title)).toEqual(["Coffee chat"]); // the organisation's default event type is gone
    expect(await t.db.select().from(eventTypes).where(and(eq(eventTypes.userId, user.id), isNull(eventTypes.orgId)))).toHaveLength(1);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await seatUsage(t.db, org.id)).held).toBe(1);
  });

  it("the owner can be neither deactivated nor removed, and is told what to do instead", async () => {
    const org = await makeOrg(t.db);
    const owner = await ownerOf(org.id);
    for (const attempt of [
      () => setMemberActive(t.db, { orgId: org.id, membershipId: owner.id, active: false, actor: scimActor }),
      () => removeMember(t.db, { orgId: org.id, membershipId: owner.id, actor: scimActor }),
    ]) {
      const err = await attempt().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OwnerProtectedError);
      expect((err as Error).message).toMatch(/Transfer ownership/);
    }
    expect((await ownerOf(org.id)).state).toBe("active");
  });

  it("deactivation ends the member's sessions; a reactivated member who had joined is active again", async () => {
    const org = await makeOrg(t.db);
    const { membership, user } = await inviteMember(t.db, { orgId: org.id, email: `s-${uniq()}@example.com`, actor: scimActor });
    await markMemberJoined(t.db, { orgId: org.id, membershipId: membership.id });
    await t.db.insert(sessions).values({ tokenHash: `h-${uniq()}`, userId: user.id, expiresAt: new Date(Date.now() + 60_000) });
    const off = await setMemberActive(t.db, { orgId: org.id, membershipId: membership.id, active: false, actor: scimActor });
    expect(off.state).toBe("deactivated");
    expect(off.version).toBeGreaterThan(membership.version);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    const on = await setMemberActive(t.db, { orgId: org.id, membershipId: membership.id, active: true, actor: scimActor });
    expect(on.state).toBe("active");
  });

  it("while SCIM is on, an admin in the app cannot deactivate or remove people; the IdP can", async () => {
    const org = await makeOrg(t.db);
    const { membership } = await inviteMember(t.db, { orgId: org.id, email: `m-${uniq()}@example.com`, actor: scimActor });
    await setScimEnabled(t.db, org.id, true, operator);
    const owner = await ownerOf(org.id);
    const admin = await actorFor(t.db, owner.id);
    await expect(setMemberActive(t.db, { orgId: org.id, membershipId: membership.id, active: false, actor: admin })).rejects.toBeInstanceOf(
      ScimManagedError,
    );
    await expect(removeMember(t.db, { orgId: org.id, membershipId: membership.id, actor: admin })).rejects.toBeInstanceOf(ScimManagedError);
    await removeMember(t.db, { orgId: org.id, membershipId: membership.id, actor: scimActor });
    expect(await t.db.select().from(memberships).where(eq(memberships.id, membership.id))).toEqual([]);
  });

  it("ids of another organisation, and malformed ids, are simply not found", async () => {
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    const { membership } = await inviteMember(t.db, { orgId: a.id, email: `x-${uniq()}@example.com`, actor: scimActor });
    for (const id of [membership.id, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      await expect(setMemberActive(t.db, { orgId: b.id, membershipId: id, active: false, actor: scimActor })).rejects.toThrow("User not found");
    }
    const [still] = await t.db.select().from(memberships).where(eq(memberships.id, membership.id));
    expect(still?.state).toBe("invited");
  });

  it("an account can be in only one organisation", async () => {
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    const email = `one-${uniq()}@example.com`;
    await inviteMember(t.db, { orgId: a.id, email, actor: scimActor });
    await expect(inviteMember(t.db, { orgId: b.id, email, actor: scimActor })).rejects.toThrow(/already belongs/);
    expect((await seatUsage(t.db, b.id)).held).toBe(1);
  });
});
