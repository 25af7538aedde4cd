import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, type CliDatabase } from "../helpers/cli";
import { testDriver } from "../helpers/test-db";

/** `roster audit`: the trail for an operator's script, one JSON object a line, newest first. */
let cli: CliDatabase;

beforeAll(async () => {
  cli = await cliDatabase("roster_cli_audit", { APP_URL: "http://127.0.0.1:4998" });
});
afterAll(async () => {
  await cli?.drop();
});

const roster = (...args: string[]) => cli.roster(...args);

describe(`operator CLI audit (${testDriver()})`, () => {
  it("prints the organisation's trail newest first, one JSON object a line with at, action, actor and target", () => {
    const started = new Date(Date.now() - 1000).toISOString();
    expect(roster("create-org", "--name", "Audit Org", "--seats", "3", "--owner", "olive@example.com", "--json").code).toBe(0);
    expect(roster("add-seats", "--org", "audit-org", "--count", "2", "--json").code).toBe(0);

    const r = roster("audit", "--org", "audit-org", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.action)).toEqual(["seats.added", "owner.created", "organisation.created"]);
    for (const l of lines) {
      expect(Date.parse(l.at as string)).toBeGreaterThanOrEqual(Date.parse(started));
      expect(l.actor).toMatchObject({ kind: "operator", label: "Operator CLI" });
    }
    expect(lines[1]!.target).toMatchObject({ email: "olive@example.com" });
    expect(lines[1]!.sentence).toBe("Operator CLI made olive@example.com the owner");
    const times = lines.map((l) => Date.parse(l.at as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // --since: only what happened from then on.
    const later = roster("audit", "--org", "audit-org", "--since", new Date(Date.now() + 60_000).toISOString(), "--json");
    expect(later.code).toBe(0);
    expect(later.stdout).toBe("");
  }, 120_000);

  it("refuses an unknown organisation or a bad --since on stderr, exit 1, nothing on stdout", () => {
    const unknown = roster("audit", "--org", "nope", "--json");
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain('No organisation with slug "nope"');
    const bad = roster("audit", "--org", "audit-org", "--since", "yesterday", "--json");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("--since must be an ISO date");
  }, 60_000);
});
