import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { getWorkingHours, setWorkingHours } from "@/lib/events/availability";
import { createEventType, deleteEventType, listOwnEventTypes, updateEventType } from "@/lib/events/event-types";
import { createEventTypeBody, updateEventTypeBody, workingHoursBody } from "@/lib/events/schemas";
import { activeMember } from "../helpers/events";
import { makeOrg } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function two() {
  const org = await makeOrg(t.db);
  const a = await activeMember(t.db, org.id, { given: "Ann" });
  const b = await activeMember(t.db, org.id, { given: "Bob" });
  const owner = (m: typeof a) => ({ userId: m.user.id, membershipId: m.membership.id, orgId: org.id });
  return { org, a: owner(a), b: owner(b) };
}

describe(`a member's own event types (${testDriver()})`, () => {
  it("creates, edits, switches off and deletes their own; URL names are unique per member", async () => {
    const { a, b } = await two();
    const e = await createEventType(t.db, a, createEventTypeBody.parse({ title: "Intro Call!", durationMinutes: "45" }));
    expect(e).toMatchObject({ title: "Intro Call!", slug: "intro-call", durationMinutes: 45, active: true, membershipId: a.membershipId });
    // Another member may use the same URL name; the same member may not.
    await createEventType(t.db, b, createEventTypeBody.parse({ title: "Intro call", durationMinutes: 30 }));
    const dup = await createEventType(t.db, a, createEventTypeBody.parse({ title: "Intro call", durationMinutes: 30 })).catch((x: unknown) => x);
    expect(dup).toBeInstanceOf(ConflictError);
    expect((dup as Error).message).toBe("You already have an event type at the URL name “intro-call”. Choose another one.");

    const edited = await updateEventType(t.db, a, e.id, updateEventTypeBody.parse({ title: "Intro", slug: "hello", active: false, location: "  " }));
    expect(edited).toMatchObject({ title: "Intro", slug: "hello", active: false, location: null });
    await deleteEventType(t.db, a, e.id);
    expect((await listOwnEventTypes(t.db, a)).org.map((x) => x.title)).toEqual(["30 Minute Meeting"]);
  });

  it("someone else's event type is simply not found", async () => {
    const { a, b } = await two();
    const [bobs] = (await listOwnEventTypes(t.db, b)).org;
    await expect(updateEventType(t.db, a, bobs!.id, { title: "Mine" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteEventType(t.db, a, bobs!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteEventType(t.db, a, "not-a-uuid")).rejects.toThrow("Event type not found.");
  });

  it.each([
    [{ title: "", durationMinutes: 30 }, "Give the event type a title."],
    [{ title: "x", durationMinutes: 3 }, "Duration is at least 5 minutes."],
    [{ title: "x", durationMinutes: 721 }, "Duration is at most 720 minutes (12 hours)."],
    [{ title: "x", durationMinutes: 30.5 }, "Duration must be a whole number of minutes."],
    [{ title: "x", durationMinutes: 30, slug: "Not OK" }, "A URL name uses lowercase letters, digits and single dashes (e.g. intro-call)."],
  ])("refuses %j: %s", (body, message) => {
    const r = createEventTypeBody.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(message);
  });

  it("working hours and time zone are replaced together; overlaps and reversed times are refused", async () => {
    const { a } = await two();
    await setWorkingHours(t.db, {
      userId: a.userId,
      membershipId: a.membershipId,
      ...workingHoursBody.parse({ timeZone: "Asia/Tokyo", rules: [{ weekday: 6, startMinute: 600, endMinute: 720 }, { weekday: 1, startMinute: 480, endMinute: 1440 }] }),
    });
    expect(await getWorkingHours(t.db, a.membershipId)).toEqual([
      { weekday: 1, startMinute: 480, endMinute: 1440 },
      { weekday: 6, startMinute: 600, endMinute: 720 },
    ]);
    const bad = (rules: { weekday: number; startMinute: number; endMinute: number }[]) =>
      setWorkingHours(t.db, { userId: a.userId, membershipId: a.membershipId, timeZone: "UTC", rules });
    await expect(bad([{ weekday: 2, startMinute: 600, endMinute: 540 }])).rejects.toThrow("Tuesday: the end (09:00) must be after the start (10:00).");
    await expect(
      bad([
        { weekday: 3, startMinute: 540, endMinute: 720 },
        { weekday: 3, startMinute: 700, endMinute: 800 },
      ]),
    ).rejects.toBeInstanceOf(ValidationError);
    // Refused changes leave the previous hours in place.
    expect(await getWorkingHours(t.db, a.membershipId)).toHaveLength(2);
    expect(workingHoursBody.safeParse({ timeZone: "Mars/Olympus", rules: [] }).error!.issues[0]!.message).toBe(
      "Pick a time zone from the list (e.g. Europe/London).",
    );
  });
});
