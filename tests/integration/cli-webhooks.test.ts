import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, type CliDatabase } from "../helpers/cli";
import { testDriver } from "../helpers/test-db";

/** webhook-add and webhook-list as outside tools call them, on the driver under test (like cli.test.ts). */
let cli: CliDatabase;

beforeAll(async () => {
  cli = await cliDatabase("roster_cli_hooks", { APP_URL: "http://127.0.0.1:4998" });
});
afterAll(async () => {
  await cli?.drop();
});

const roster = (...args: string[]) => cli.roster(...args);

describe(`operator CLI: webhooks (${testDriver()})`, () => {
  it("webhook-add --json prints the id and a Standard Webhooks secret once; webhook-list shows the endpoint, never the secret", () => {
    expect(roster("create-org", "--name", "Hooked", "--seats", "5", "--json").code).toBe(0);
    const r = roster("webhook-add", "--org", "hooked", "--url", "https://hooks.example.com/roster", "--events", "member.invited, group.created", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const out = JSON.parse(r.stdout) as { id: string; secret: string; events: string[] };
    expect(out.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.events).toEqual(["member.invited", "group.created"]);
    expect(out.secret).toMatch(/^whsec_/);
    // The library accepts it and signs with it.
    const signed = new Webhook(out.secret).sign("msg_1", new Date(), "{}");
    expect(signed).toMatch(/^v1,/);

    const list = roster("webhook-list", "--org", "hooked", "--json");
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout) as { endpoints: Record<string, unknown>[] };
    expect(listed.endpoints).toHaveLength(1);
    expect(listed.endpoints[0]).toMatchObject({ id: out.id, url: "https://hooks.example.com/roster", enabled: true });
    expect(list.stdout).not.toContain(out.secret);
  }, 120_000);

  it("refuses unknown events and private targets with a message and no endpoint", () => {
    const unknown = roster("webhook-add", "--org", "hooked", "--url", "https://hooks.example.com/x", "--events", "member.exploded", "--json");
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain('Unknown event "member.exploded"');
    const local = roster("webhook-add", "--org", "hooked", "--url", "http://169.254.169.254/latest", "--events", "member.invited", "--json");
    expect(local.code).toBe(1);
    expect(local.stderr).toContain("private network");
    const list = JSON.parse(roster("webhook-list", "--org", "hooked", "--json").stdout) as { endpoints: unknown[] };
    expect(list.endpoints).toHaveLength(1);
  }, 120_000);
});
