import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groups, organisations } from "@/lib/db/schema";
import { ForbiddenError, ScimManagedError } from "@/lib/errors";
import { changeGroupInConsole, listGroupMembers, listGroupOptions, listGroupsWithCounts } from "@/lib/orgs/group-admin";
import { createGroup, deleteGroup } from "@/lib/orgs/groups";
import { actorFor, addMember, ownerOf } from "../../helpers/admin-fixtures";
import { makeOrg, scimActor } from "../../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe(`Groups page (${testDriver()})`, () => {
  it("an admin creates, renames, fills, empties and deletes a group; counts follow", async () => {
    const org = await makeOrg(t.db);
    const { actor } = await ownerOf(t.db, org.id);
    const a = await addMember(t.db, org.id, { given: "Ann", family: "Able" });
    const b = await addMember(t.db, org.id, { given: "Bo", family: "Best" });
    const g = await createGroup(t.db, { orgId: org.id, displayName: "Sales", actor });
    await changeGroupInConsole(t.db, { orgId: org.id, groupId: g.id, actor, rename: "Sales EMEA" });
    await changeGroupInConsole(t.db, { orgId: org.id, groupId: g.id, actor, addEmail: a.email.toUpperCase() });
    await changeGroupInConsole(t.db, { orgId: org.id, groupId: g.id, actor, addEmail: b.email });
    expect(await listGroupsWithCounts(t.db, org.id)).toMatchObject([{ name: "Sales EMEA", members: 2, managedByIdp: false }]);
    expect(await listGroupOptions(t.db, org.id)).toEqual([{ id: g.id, name: "Sales EMEA" }]);
    expect(await listGroupOptions(t.db, (await makeOrg(t.db)).id)).toEqual([]);
    const page = await listGroupMembers(t.db, { orgId: org.id, groupId: g.id, page: 1, pageSize: 10 });
    expect(page.rows.map((r) => r.givenName)).toEqual(["Ann", "Bo"]);
    await changeGroupInConsole(t.db, { orgId: org.id, groupId: g.id, actor, removeMembershipId: a.membershipId });
    expect((await listGroupMembers(t.db, { orgId: org.id, groupId: g.id, page: 1, pageSize: 10 })).total).toBe(1);
    await expect(changeGroupInConsole(t.db, { orgId: org.id, groupId: g.id, actor, addEmail: "nobody@example.com" })).rejects.toThrow(
      /Nobody in .* has the email nobody@example.com/,
    );
    await deleteGroup(t.db, { orgId: org.id, groupId: g.id, actor });
    expect(await listGroupsWithCounts(t.db, org.id)).toEqual([]);
  });

  it("while SCIM is on, IdP groups are read-only here; Roster's own groups stay editable", async () => {
    const org = await makeOrg(t.db);
    const { actor } = await ownerOf(t.db, org.id);
    const idpGroup = await createGroup(t.db, { orgId: org.id, displayName: "Engineering", actor: scimActor });
    const local = await createGroup(t.db, { orgId: org.id, displayName: "Interviewers", actor });
    await t.db.update(organisations).set({ scimEnabled: true }).where(eq(organisations.id, org.id));
    await expect(changeGroupInConsole(t.db, { orgId: org.id, groupId: idpGroup.id, actor, rename: "Eng" })).rejects.toBeInstanceOf(ScimManagedError);
    await expect(deleteGroup(t.db, { orgId: org.id, groupId: idpGroup.id, actor })).rejects.toThrow(/managed by your identity provider/);
    const [still] = await t.db.select().from(groups).where(eq(groups.id, idpGroup.id));
    expect(still?.displayName).toBe("Engineering");
    await changeGroupInConsole(t.db, { orgId: org.id, groupId: local.id, actor, rename: "Interview panel" });
    // The IdP itself still changes its group.
    await changeGroupInConsole(t.db, { orgId: org.id, groupId: idpGroup.id, actor: { kind: "operator" }, rename: "Eng" });
  });

  it("a plain user, or another organisation's admin, changes nothing", async () => {
    const org = await makeOrg(t.db);
    const other = await makeOrg(t.db);
    const { actor } = await ownerOf(t.db, org.id);
    const g = await createGroup(t.db, { orgId: org.id, displayName: "Ops", actor });
    const user = await addMember(t.db, org.id);
    await expect(deleteGroup(t.db, { orgId: org.id, groupId: g.id, actor: await actorFor(t.db, user.membershipId) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(deleteGroup(t.db, { orgId: other.id, groupId: g.id, actor: (await ownerOf(t.db, other.id)).actor })).rejects.toThrow(
      "Group not found",
    );
    expect(await listGroupsWithCounts(t.db, org.id)).toHaveLength(1);
  });
});
