import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groups } from "@/lib/db/schema";
import { changeGroup, createGroup } from "@/lib/orgs/groups";
import { listGroupsWithCounts } from "@/lib/orgs/group-admin";
import { operator, makeOrg, scimActor } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe(`a group made in Roster that the IdP starts to manage (${testDriver()})`, () => {
  it("keeps when the IdP took it over; a group the IdP made, or one only Roster changes, has no adoption date", async () => {
    const org = await makeOrg(t.db);
    const roster = await createGroup(t.db, { orgId: org.id, displayName: "Made in Roster", actor: operator });
    const pushed = await createGroup(t.db, { orgId: org.id, displayName: "Pushed by the IdP", actor: scimActor });
    expect(roster).toMatchObject({ managedByIdp: false, adoptedByIdpAt: null });
    expect(pushed).toMatchObject({ managedByIdp: true, adoptedByIdpAt: null });

    // Roster's own change adopts nothing.
    await changeGroup(t.db, { orgId: org.id, groupId: roster.id, actor: operator }, (c) => c.rename("Still Roster's"));
    expect((await t.db.select().from(groups).where(eq(groups.id, roster.id)))[0]).toMatchObject({ managedByIdp: false, adoptedByIdpAt: null });

    const before = new Date();
    const adopted = await changeGroup(t.db, { orgId: org.id, groupId: roster.id, actor: scimActor }, (c) => c.rename("Now the IdP's"));
    expect(adopted.managedByIdp).toBe(true);
    expect(adopted.adoptedByIdpAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    // Later IdP changes keep the first date; the IdP's own group never gets one.
    await changeGroup(t.db, { orgId: org.id, groupId: roster.id, actor: scimActor }, (c) => c.rename("Renamed again"));
    await changeGroup(t.db, { orgId: org.id, groupId: pushed.id, actor: scimActor }, (c) => c.rename("Pushed, renamed"));
    const listed = await listGroupsWithCounts(t.db, org.id);
    expect(listed.find((g) => g.id === roster.id)).toMatchObject({ managedByIdp: true, adoptedByIdpAt: adopted.adoptedByIdpAt });
    expect(listed.find((g) => g.id === pushed.id)).toMatchObject({ managedByIdp: true, adoptedByIdpAt: null });
  });
});
