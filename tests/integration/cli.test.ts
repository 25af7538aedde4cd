import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, type CliDatabase } from "../helpers/cli";
import { testDriver } from "../helpers/test-db";

/**
 * The operator CLI in the exact form outside tools use, on the driver under
 * test: PostgreSQL (a database of its own) or the embedded database (a
 * temporary data directory).
 */
let cli: CliDatabase;

beforeAll(async () => {
  cli = await cliDatabase("roster_cli", { APP_URL: "http://127.0.0.1:4999" });
});
afterAll(async () => {
  await cli?.drop();
});

const roster = (...args: string[]) => cli.roster(...args);

describe(`operator CLI (${testDriver()})`, () => {
  it("create-org --scim --owner --json prints exactly one JSON object with a working token", async () => {
    const r = roster("create-org", "--name", "Test Org", "--seats", "100", "--scim", "--owner", "owner@example.com", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ slug: "test-org", scimBaseUrl: "http://127.0.0.1:4999/api/scim/v2", scimEnabled: true, seats: 100 });
    expect(out.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.scimToken).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);

    const again = roster("add-seats", "--org", "test-org", "--count", "5", "--json");
    expect(JSON.parse(again.stdout)).toEqual({ slug: "test-org", seats: 105 });
  }, 120_000);

  it("errors go to stderr with a non-zero exit and nothing on stdout", () => {
    const dup = roster("create-org", "--name", "Test Org", "--seats", "1", "--json");
    expect(dup.code).toBe(1);
    expect(dup.stdout).toBe("");
    expect(dup.stderr).toContain('An organisation with the slug "test-org" already exists.');

    const bad = roster("create-org", "--name", "X", "--seats", "lots");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--seats must be a whole number, got "lots"');

    const unknown = roster("frobnicate");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  }, 120_000);

  it("--help lists the commands", () => {
    const r = roster("--help");
    expect(r.code).toBe(0);
    for (const c of ["create-org", "add-seats", "create-owner", "enable-scim", "issue-token", "seed"]) expect(r.stdout).toContain(c);
  });
});
