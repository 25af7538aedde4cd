import { describe, expect, it } from "vitest";
import { workingHoursBody } from "./schemas";
import { canonicalTimeZone, isTimeZone, timeZoneNames } from "./time-zone";

describe("time zone names", () => {
  it("pickers offer today's IANA names, UTC first then alphabetical, and no retired ones", () => {
    const names = timeZoneNames();
    expect(names[0]).toBe("UTC");
    expect(names).toContain("Asia/Kolkata");
    expect(names).toContain("Europe/Kyiv");
    for (const old of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon", "America/Godthab", "Asia/Rangoon"]) expect(names).not.toContain(old);
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
    expect(new Set(names).size).toBe(names.length);
    // Every name offered works in this runtime.
    for (const z of names) expect(isTimeZone(z), z).toBe(true);
  });

  it("legacy stored values are mapped; saving one stores today's name", () => {
    expect(canonicalTimeZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(workingHoursBody.parse({ timeZone: " Asia/Calcutta ", rules: [] }).timeZone).toBe("Asia/Kolkata");
    expect(workingHoursBody.safeParse({ timeZone: "Mars/Olympus", rules: [] }).success).toBe(false);
  });
});
