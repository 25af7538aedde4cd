import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/actor";
import { bookings, eventTypes, type Organisation } from "@/lib/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { bookSlot } from "@/lib/events/bookings";
import { createEventType, deleteEventType, updateEventType } from "@/lib/events/event-types";
import { syncManagedEventTypes } from "@/lib/events/managed";
import { createManagedEventType, deleteManagedEventType, listManagedEventTypes, updateManagedEventType } from "@/lib/events/managed-events";
import { bookingBody, managedEventBody } from "@/lib/events/schemas";
import { setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { changeGroup, createGroup, deleteGroup } from "@/lib/orgs/groups";
import { activeMember, addToGroup, makeGroup } from "../helpers/events";
import { makeOrg, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const admin: Actor = { kind: "operator" };
const input = (over: object = {}) =>
  managedEventBody.parse({ title: "Customer onboarding", durationMinutes: 45, location: "Zoom", assignment: { kind: "all" }, ...over });

const copiesOf = (managedId: string) =>
  t.db.select().from(eventTypes).where(eq(eventTypes.managedEventTypeId, managedId));
const holders = async (managedId: string) => (await copiesOf(managedId)).map((c) => c.membershipId).sort();

async function orgWithPeople() {
  const org: Organisation = await makeOrg(t.db, { seats: 20 });
  const a = await activeMember(t.db, org.id, { given: "Ann" });
  const b = await activeMember(t.db, org.id, { given: "Bob" });
  const c = await activeMember(t.db, org.id, { given: "Cat" });
  await setMemberActive(t.db, { orgId: org.id, membershipId: c.membership.id, active: false, actor: scimActor });
  return { org, a, b, c };
}

describe(`managed event types (${testDriver()})`, () => {
  it("assigned to all: every member (deactivated ones too) gets a locked copy, and so does the next one provisioned", async () => {
    const { org, a, b, c } = await orgWithPeople();
    const managed = await createManagedEventType(t.db, { orgId: org.id, input: input(), actor: admin });
    const ids = await holders(managed.id);
    for (const m of [a, b, c]) expect(ids).toContain(m.membership.id);
    const [copy] = await t.db.select().from(eventTypes).where(and(eq(eventTypes.membershipId, a.membership.id), eq(eventTypes.managedEventTypeId, managed.id)));
    expect(copy).toMatchObject({ title: "Customer onboarding", slug: "customer-onboarding", durationMinutes: 45, location: "Zoom", userId: a.user.id, orgId: org.id });

    const d = await inviteMember(t.db, { orgId: org.id, email: `dan-${uniq()}@example.com`, actor: scimActor });
    expect(await holders(managed.id)).toContain(d.membership.id);
  });

  it("assigned to a group: members get it; joining the group (as SCIM does it) gives it, leaving takes it away", async () => {
    const { org, a, b, c } = await orgWithPeople();
    const sales = await createGroup(t.db, { orgId: org.id, displayName: "Sales", members: [{ membershipId: a.membership.id }], actor: scimActor });
    const managed = await createManagedEventType(t.db, {
      orgId: org.id,
      input: input({ title: "Sales demo", assignment: { kind: "groups", groupIds: [sales.id] } }),
      actor: admin,
    });
    expect(await holders(managed.id)).toEqual([a.membership.id]);

    // The functions the SCIM Groups PATCH/PUT/DELETE handlers call.
    await changeGroup(t.db, { orgId: org.id, groupId: sales.id, actor: scimActor }, (g) => g.addMembers([{ membershipId: b.membership.id }]));
    expect(await holders(managed.id)).toEqual([a.membership.id, b.membership.id].sort());
    expect(await listManagedEventTypes(t.db, org.id)).toMatchObject([{ title: "Sales demo", copies: 2, groups: [{ id: sales.id, name: "Sales" }] }]);

    await changeGroup(t.db, { orgId: org.id, groupId: sales.id, actor: scimActor }, (g) => g.removeMembers([a.membership.id]));
    expect(await holders(managed.id)).toEqual([b.membership.id]);

    // A full replace that keeps b: b's copy is the same row (no churn), c joins.
    const [bCopy] = await copiesOf(managed.id);
    await changeGroup(t.db, { orgId: org.id, groupId: sales.id, actor: scimActor }, (g) =>
      g.replaceMembers([{ membershipId: b.membership.id }, { membershipId: c.membership.id }]),
    );
    expect(await holders(managed.id)).toEqual([b.membership.id, c.membership.id].sort());
    expect((await copiesOf(managed.id)).find((x) => x.membershipId === b.membership.id)!.id).toBe(bCopy!.id);

    // A member who also gets it through another group keeps it when one group goes.
    const emea = await createGroup(t.db, { orgId: org.id, displayName: "EMEA", members: [{ membershipId: c.membership.id }], actor: scimActor });
    await updateManagedEventType(t.db, { orgId: org.id, id: managed.id, patch: { assignment: { kind: "groups", groupIds: [sales.id, emea.id] } }, actor: admin });
    await deleteGroup(t.db, { orgId: org.id, groupId: sales.id, actor: scimActor });
    expect(await holders(managed.id)).toEqual([c.membership.id]);
    expect(await syncManagedEventTypes(t.db, { orgId: org.id })).toEqual({ added: 0, removed: 0 });
  });

  it("editing the managed event updates every copy; unassigning removes them but keeps their bookings", async () => {
    const { org, a, b } = await orgWithPeople();
    const managed = await createManagedEventType(t.db, { orgId: org.id, input: input(), actor: admin });
    await updateManagedEventType(t.db, {
      orgId: org.id,
      id: managed.id,
      patch: { title: "Onboarding call", durationMinutes: 60, description: "Kick-off", slug: "onboarding" },
      actor: admin,
    });
    const copies = await copiesOf(managed.id);
    expect(copies.length).toBeGreaterThanOrEqual(3);
    for (const c of copies) {
      expect(c).toMatchObject({ title: "Onboarding call", durationMinutes: 60, description: "Kick-off", slug: "onboarding", location: "Zoom" });
    }

    const { booking } = await bookSlot(
      t.db,
      bookingBody.parse({ org: org.slug, member: a.membership.slug, event: "onboarding", startsAt: "2030-01-07T10:00:00Z", name: "V", email: "v@example.org" }),
      new Date("2030-01-07T06:00:00Z"),
    );
    const group = await makeGroup(t.db, org.id);
    await addToGroup(t.db, org.id, group.id, [b.membership.id]);
    await updateManagedEventType(t.db, { orgId: org.id, id: managed.id, patch: { assignment: { kind: "groups", groupIds: [group.id] } }, actor: admin });
    expect(await holders(managed.id)).toEqual([b.membership.id]);
    const [kept] = await t.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(kept).toMatchObject({ status: "confirmed", eventTypeId: null, eventTitle: "Onboarding call" });

    await updateManagedEventType(t.db, { orgId: org.id, id: managed.id, patch: { assignment: { kind: "groups", groupIds: [] } }, actor: admin });
    expect(await holders(managed.id)).toEqual([]);
    const [summary] = await listManagedEventTypes(t.db, org.id);
    expect(summary).toMatchObject({ copies: 0, assignToAll: false, groups: [] });
  });

  it("a copy never takes a member's existing URL: it gets a suffix instead", async () => {
    const { org, a } = await orgWithPeople();
    await createEventType(t.db, { userId: a.user.id, membershipId: a.membership.id, orgId: org.id }, { title: "Office hours", durationMinutes: 30, active: true, description: null, location: null });
    const managed = await createManagedEventType(t.db, { orgId: org.id, input: input({ title: "Office hours" }), actor: admin });
    const [copy] = await t.db.select().from(eventTypes).where(and(eq(eventTypes.membershipId, a.membership.id), eq(eventTypes.managedEventTypeId, managed.id)));
    expect(copy!.slug).toBe(`office-hours-${managed.id.slice(0, 6)}`);
  });

  it("members cannot edit or delete a managed copy", async () => {
    const { org, a } = await orgWithPeople();
    const managed = await createManagedEventType(t.db, { orgId: org.id, input: input(), actor: admin });
    const [copy] = await t.db.select().from(eventTypes).where(and(eq(eventTypes.membershipId, a.membership.id), isNotNull(eventTypes.managedEventTypeId)));
    const owner = { userId: a.user.id, membershipId: a.membership.id, orgId: org.id };
    await expect(updateEventType(t.db, owner, copy!.id, { title: "Mine now" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteEventType(t.db, owner, copy!.id)).rejects.toThrow(/managed by your organisation's admins/);
    await deleteManagedEventType(t.db, { orgId: org.id, id: managed.id, actor: admin });
    expect(await copiesOf(managed.id)).toEqual([]);
  });

  it("refuses groups of another organisation and duplicate URL names, writing nothing", async () => {
    const { org } = await orgWithPeople();
    const other = await makeOrg(t.db);
    const foreign = await makeGroup(t.db, other.id);
    await expect(
      createManagedEventType(t.db, { orgId: org.id, input: input({ assignment: { kind: "groups", groupIds: [foreign.id] } }), actor: admin }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await listManagedEventTypes(t.db, org.id)).toEqual([]);
    await createManagedEventType(t.db, { orgId: org.id, input: input(), actor: admin });
    await expect(createManagedEventType(t.db, { orgId: org.id, input: input(), actor: admin })).rejects.toThrow(/already uses the URL name/);
    await expect(updateManagedEventType(t.db, { orgId: other.id, id: (await listManagedEventTypes(t.db, org.id))[0]!.id, patch: { title: "x" }, actor: admin })).rejects.toThrow(
      "Managed event type not found.",
    );
  });
});
