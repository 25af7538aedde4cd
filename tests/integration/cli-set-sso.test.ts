import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey } from "@/lib/dev/idp/keys";
import { cliDatabase, type CliDatabase } from "../helpers/cli";
import { TestIdp } from "../helpers/sso";
import { testDriver } from "../helpers/test-db";

/** `roster set-sso` exactly as an operator (or an outside test harness) runs it, on the driver under test. */
let cli: CliDatabase;

beforeAll(async () => {
  cli = await cliDatabase("roster_cli_sso", { APP_URL: "http://127.0.0.1:4998", AUTH_SECRET: "cli-test-secret-cli-test-secret-0123456789" });
});
afterAll(async () => {
  await cli?.drop();
});

const roster = (...args: string[]) => cli.roster(...args);

function file(name: string, content: string): string {
  const p = path.join(cli.dir, name);
  fs.writeFileSync(p, content);
  return p;
}

describe(`roster set-sso (${testDriver()})`, () => {
  it("configures, then replaces, the SAML connection and prints one JSON object with the SP details", () => {
    expect(roster("create-org", "--name", "SSO Org", "--seats", "3", "--json").code).toBe(0);
    const first = new TestIdp();
    const r = roster("set-sso", "--org", "sso-org", "--metadata", file("idp.xml", first.metadata()), "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({
      slug: "sso-org",
      acsUrl: "http://127.0.0.1:4998/api/oauth/saml",
      entityId: "http://127.0.0.1:4998",
      metadataUrl: "http://127.0.0.1:4998/.well-known/sp-metadata",
      certificateUrl: "http://127.0.0.1:4998/.well-known/saml.cer",
      idpEntityId: first.entityId,
      ssoUrl: `${first.entityId}/sso`,
      idpInitiated: false,
      replaced: false,
    });

    const second = new TestIdp(generateSigningKey("Rotated IdP"));
    const again = roster("set-sso", "--org", "sso-org", "--metadata", file("idp2.xml", second.metadata()), "--idp-initiated", "--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ idpEntityId: second.entityId, idpInitiated: true, replaced: true });
  }, 180_000);

  it("bad metadata, a missing file and an unknown organisation: a clear error on stderr, exit 1, nothing on stdout", () => {
    const sp = roster("set-sso", "--org", "sso-org", "--metadata", file("sp.xml", new TestIdp().metadata().replace(/IDPSSODescriptor/g, "SPSSODescriptor")), "--json");
    expect(sp.code).toBe(1);
    expect(sp.stdout).toBe("");
    expect(sp.stderr).toContain("This is a service provider's metadata");

    const missing = roster("set-sso", "--org", "sso-org", "--metadata", path.join(cli.dir, "nope.xml"), "--json");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Cannot read the metadata file");

    const unknown = roster("set-sso", "--org", "no-such-org", "--metadata", file("ok.xml", new TestIdp().metadata()), "--json");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No organisation with slug "no-such-org"');
  }, 180_000);
});
