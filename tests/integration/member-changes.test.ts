import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markMemberJoined } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { updateMember, type UpdatedMember } from "@/lib/orgs/member-profile";
import type { MemberChange } from "@/lib/orgs/member-profile";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** A change computed from the member as the caller finds them, the way a SCIM PATCH is. */
const renameGiven = (givenName: string) => (current: UpdatedMember): MemberChange => ({
  profile: {
    userName: current.membership.userName,
    loginEmail: current.user.email,
    externalId: current.membership.externalId,
    displayName: current.membership.displayName,
    givenName,
    familyName: current.user.familyName,
    scimAttributes: current.membership.scimAttributes,
  },
});
const renameFamily = (familyName: string) => (current: UpdatedMember): MemberChange => {
  const change = renameGiven(current.user.givenName ?? "")(current);
  return { profile: { ...change.profile!, familyName } };
};

/**
 * A SCIM change may be worked out from what this process remembers of the member instead of reading
 * them (lib/orgs/member-change.ts); the version it writes against must make a stale memory harmless.
 */
describe(`member changes against a remembered member (${testDriver()})`, () => {
  it("a change made elsewhere since the member was remembered is kept", async () => {
    const org = await makeOrg(t.db);
    const created = await inviteMember(t.db, { orgId: org.id, email: `r-${uniq()}@example.com`, givenName: "Ana", familyName: "Ruiz", actor: scimActor, org });
    // Not through this process's memory: the admin-console path (a transaction on the locked row).
    await updateMember(t.db, { orgId: org.id, membershipId: created.membership.id, actor: operator, change: renameFamily("Ortega") });
    const after = await updateMember(t.db, { orgId: org.id, membershipId: created.membership.id, actor: scimActor, org, change: renameGiven("Anna") });
    expect(after.user).toMatchObject({ givenName: "Anna", familyName: "Ortega" });
    expect(after.membership.version).toBe(created.membership.version + 2);
  });

  it("a change rolled back with its transaction is never taken for the member's state", async () => {
    const org = await makeOrg(t.db);
    const created = await inviteMember(t.db, { orgId: org.id, email: `r-${uniq()}@example.com`, givenName: "Bo", familyName: "Lund", actor: scimActor, org });
    const id = created.membership.id;
    await t.db
      .transaction(async (tx) => {
        await updateMember(tx, { orgId: org.id, membershipId: id, actor: scimActor, org, change: renameFamily("Rolled-back") });
        throw new Error("roll back");
      })
      .catch(() => {});
    // The version the rolled-back change wrote now holds something else: the member signed in.
    await markMemberJoined(t.db, { orgId: org.id, membershipId: id });
    const after = await updateMember(t.db, { orgId: org.id, membershipId: id, actor: scimActor, org, change: renameGiven("Bob") });
    expect(after.user).toMatchObject({ givenName: "Bob", familyName: "Lund" });
    expect(after.membership.state).toBe("active");
  });

  it("parallel changes computed from the same remembered version all land", async () => {
    const org = await makeOrg(t.db);
    const created = await inviteMember(t.db, { orgId: org.id, email: `r-${uniq()}@example.com`, actor: scimActor, org });
    const id = created.membership.id;
    const attr = (k: string) => (current: UpdatedMember): MemberChange => {
      const change = renameGiven(current.user.givenName ?? "")(current);
      return { profile: { ...change.profile!, scimAttributes: { ...current.membership.scimAttributes, [k]: k } } };
    };
    await Promise.all(["a", "b", "c", "d", "e", "f"].map((k) => updateMember(t.db, { orgId: org.id, membershipId: id, actor: scimActor, org, change: attr(k) })));
    const after = await updateMember(t.db, { orgId: org.id, membershipId: id, actor: scimActor, org, change: {} });
    expect(after.membership.scimAttributes).toMatchObject({ a: "a", b: "b", c: "c", d: "d", e: "e", f: "f" });
  });
});
