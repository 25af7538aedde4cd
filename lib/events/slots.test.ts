import { describe, expect, it } from "vitest";
import { DEFAULT_WORKING_HOURS } from "./defaults";
import { checkSlot, computeSlots } from "./slots";
import { offsetMinutes, zonedTimeToUtc } from "./time-zone";

const iso = (d: Date) => d.toISOString();

describe("time zones", () => {
  it("turns a wall-clock time into the instant it happens, across DST", () => {
    expect(iso(zonedTimeToUtc({ year: 2030, month: 1, day: 7 }, 540, "Europe/Berlin")!)).toBe("2030-01-07T08:00:00.000Z");
    expect(iso(zonedTimeToUtc({ year: 2030, month: 7, day: 8 }, 540, "Europe/Berlin")!)).toBe("2030-07-08T07:00:00.000Z");
    expect(iso(zonedTimeToUtc({ year: 2030, month: 7, day: 8 }, 540, "America/New_York")!)).toBe("2030-07-08T13:00:00.000Z");
    expect(iso(zonedTimeToUtc({ year: 2030, month: 1, day: 7 }, 540, "Asia/Kolkata")!)).toBe("2030-01-07T03:30:00.000Z");
    expect(offsetMinutes(new Date("2030-01-07T12:00:00Z"), "UTC")).toBe(0);
  });

  it("a wall-clock time skipped when clocks go forward does not exist", () => {
    // Europe/Berlin, 31 March 2030: 02:00 jumps to 03:00.
    expect(zonedTimeToUtc({ year: 2030, month: 3, day: 31 }, 150, "Europe/Berlin")).toBeNull();
    expect(iso(zonedTimeToUtc({ year: 2030, month: 3, day: 31 }, 180, "Europe/Berlin")!)).toBe("2030-03-31T01:00:00.000Z");
  });
});

describe("computeSlots", () => {
  // Monday 7 January 2030, 08:00 in London (UTC in winter).
  const now = new Date("2030-01-07T08:00:00Z");
  const base = { rules: DEFAULT_WORKING_HOURS, timeZone: "Europe/London", durationMinutes: 30, now };

  it("offers Mon–Fri 09:00–17:00 every 30 minutes for 14 days, in the host's zone", () => {
    const slots = computeSlots(base);
    expect(iso(slots[0]!)).toBe("2030-01-07T09:00:00.000Z");
    expect(iso(slots[15]!)).toBe("2030-01-07T16:30:00.000Z"); // last start that ends by 17:00
    expect(iso(slots[16]!)).toBe("2030-01-08T09:00:00.000Z");
    expect(slots).toHaveLength(10 * 16); // two working weeks
    expect(slots.every((s) => ![0, 6].includes(s.getUTCDay()))).toBe(true);
  });

  it("never offers a time that has started", () => {
    const slots = computeSlots({ ...base, now: new Date("2030-01-07T10:10:00Z") });
    expect(iso(slots[0]!)).toBe("2030-01-07T10:30:00.000Z");
  });

  it("follows the host's time zone, not the server's", () => {
    const slots = computeSlots({ ...base, timeZone: "America/Los_Angeles" });
    expect(iso(slots[0]!)).toBe("2030-01-07T17:00:00.000Z"); // 09:00 PST
  });

  it("leaves out every slot that overlaps a booking of any length", () => {
    const busy = [{ start: new Date("2030-01-07T10:00:00Z"), end: new Date("2030-01-07T11:00:00Z") }];
    const thirty = computeSlots({ ...base, busy }).map(iso);
    expect(thirty).toContain("2030-01-07T09:30:00.000Z");
    expect(thirty).not.toContain("2030-01-07T10:00:00.000Z");
    expect(thirty).not.toContain("2030-01-07T10:30:00.000Z");
    expect(thirty).toContain("2030-01-07T11:00:00.000Z");
    const hour = computeSlots({ ...base, durationMinutes: 60, busy: [{ start: new Date("2030-01-07T09:30:00Z"), end: new Date("2030-01-07T10:00:00Z") }] }).map(iso);
    expect(hour).not.toContain("2030-01-07T09:00:00.000Z");
    expect(hour).toContain("2030-01-07T10:00:00.000Z");
  });

  it("checkSlot says why a time is refused", () => {
    const busy = [{ start: new Date("2030-01-07T10:00:00Z"), end: new Date("2030-01-07T10:30:00Z") }];
    const q = { ...base, busy };
    expect(checkSlot(q, new Date("2030-01-07T09:00:00Z"))).toBeNull();
    expect(checkSlot(q, new Date("2030-01-07T07:00:00Z"))).toBe("past");
    expect(checkSlot(q, new Date("2030-01-07T10:00:00Z"))).toBe("taken");
    expect(checkSlot(q, new Date("2030-01-07T18:00:00Z"))).toBe("outside_hours");
    expect(checkSlot(q, new Date("2030-01-07T09:10:00Z"))).toBe("outside_hours"); // off the grid
    expect(checkSlot(q, new Date("2030-01-12T10:00:00Z"))).toBe("outside_hours"); // Saturday
    expect(checkSlot(q, new Date("2030-01-28T10:00:00Z"))).toBe("outside_hours"); // beyond 14 days
  });
});
