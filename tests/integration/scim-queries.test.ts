import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup } from "@/lib/orgs/groups";
import { inviteMember } from "@/lib/orgs/members";
import { findGroups } from "@/lib/scim/groups/repository";
import { parseListQuery } from "@/lib/scim/list";
import { normalizeResource } from "@/lib/scim/normalize";
import { userSchemas } from "@/lib/scim/schemas/resources";
import { URN } from "@/lib/scim/schemas/urns";
import { fromScimUser } from "@/lib/scim/users/mapper";
import { findUsers } from "@/lib/scim/users/repository";
import { makeOrg, scimActor } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

/** Filters compile to SQL that both drivers run the same way (PGlite is the embedded database). */
let t: TestDatabase;
let orgId: string;
const ids: Record<string, string> = {};
let groupId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const org = await makeOrg(t.db, { owner: undefined, seats: 10 });
  orgId = org.id;
  const people: Record<string, Record<string, unknown>> = {
    ann: { userName: "ann@q.example", name: { givenName: "Ann", familyName: "Lee" }, title: "CTO", emails: [{ value: "ann@q.example", type: "work", primary: true }, { value: "ann@home.example", type: "home" }], [URN.enterprise]: { employeeNumber: "1", manager: { value: "boss" } } },
    bo: { userName: "bo@q.example", name: { givenName: "Bo", familyName: "Kim" }, emails: [{ value: "bo@q.example", type: "work" }], active: false },
    cy: { userName: "CY", displayName: "Cy Young", emails: [{ value: "cy@q.example", primary: true }], phoneNumbers: [{ value: "+1 555 0100", type: "mobile" }] },
  };
  for (const [key, body] of Object.entries(people)) {
    const input = fromScimUser(normalizeResource(userSchemas, body).value);
    const m = await inviteMember(t.db, { orgId, email: input.loginEmail, userName: input.userName, givenName: input.givenName, familyName: input.familyName, displayName: input.displayName, scimAttributes: input.scimAttributes, active: input.active ?? true, actor: scimActor });
    ids[key] = m.membership.id;
  }
  groupId = (await createGroup(t.db, { orgId, displayName: "Eng", members: [{ membershipId: ids.ann! }, { membershipId: ids.cy!, display: "Label" }], actor: scimActor })).id;
});
afterAll(async () => {
  await t?.drop();
});

const users = async (filter: string, extra = "") => {
  const { rows, total } = await findUsers(t.db, { orgId, query: parseListQuery(new URLSearchParams(`filter=${encodeURIComponent(filter)}${extra}`)), withGroups: true });
  expect(total).toBe(rows.length);
  return rows.map((r) => Object.entries(ids).find(([, id]) => id === r.membership.id)?.[0]).sort();
};

describe(`SCIM filters in SQL (${testDriver()})`, () => {
  it.each([
    ['userName eq "ANN@Q.EXAMPLE"', ["ann"]],
    ['userName sw "c"', ["cy"]],
    ['userName co "%"', []],
    ['userName co "_"', []],
    ['name.familyName eq "kim" or displayName co "young"', ["bo", "cy"]],
    ["active eq false", ["bo"]],
    ["not (active eq false)", ["ann", "cy"]],
    ['emails[type eq "home"]', ["ann"]],
    ['emails[type eq "work"].value eq "bo@q.example"', ["bo"]],
    ['emails.value ew "@q.example"', ["ann", "bo", "cy"]],
    ["emails[primary eq true]", ["ann", "cy"]],
    ['phoneNumbers.value sw "+1"', ["cy"]],
    ["title pr", ["ann"]],
    ["not (title pr) and userName pr", ["bo", "cy"]],
    [`${URN.enterprise}:employeeNumber eq "1"`, ["ann"]],
    [`${URN.enterprise}:manager.value eq "boss"`, ["ann"]],
    ['groups.display eq "eng"', ["ann", "cy"]],
    ['meta.created ge "2000-01-01T00:00:00Z" and meta.lastModified le "2999-01-01T00:00:00Z"', ["ann", "bo", "cy"]],
  ])("%s", async (filter, expected) => {
    expect(await users(filter)).toEqual(expected);
  });

  it("groups eq by id; sort and paging in SQL", async () => {
    expect(await users(`groups eq "${groupId}"`)).toEqual(["ann", "cy"]);
    const { rows, total } = await findUsers(t.db, { orgId, query: parseListQuery(new URLSearchParams("sortBy=userName&sortOrder=descending&startIndex=2&count=1")), withGroups: false });
    expect(total).toBe(3);
    expect(rows.map((r) => r.membership.userName)).toEqual(["bo@q.example"]);
  });

  it("group filters: members and member display", async () => {
    const q = (f: string) => findGroups(t.db, { orgId, query: parseListQuery(new URLSearchParams(`filter=${encodeURIComponent(f)}`)), withMembers: true });
    expect((await q(`members eq "${ids.cy}"`)).total).toBe(1);
    expect((await q(`members[display eq "label"]`)).total).toBe(1);
    expect((await q(`members eq "${ids.bo}"`)).total).toBe(0);
    const [row] = (await q('displayName eq "ENG"')).rows;
    expect(row?.members?.map((m) => m.display).sort()).toEqual(["Label", "ann@q.example"]);
  });
});
