import { deflateRawSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeJackson, samlRedirects } from "@/lib/sso/jackson";
import { demoIdpState } from "@/lib/db/schema";
import { connectDemoIdpToAcme } from "@/lib/dev/idp/bootstrap";
import { connectedOrganisation, demoIdp } from "@/lib/dev/idp/config";
import { loadDirectory } from "@/lib/dev/idp/directory-store";
import { demoSigningKey } from "@/lib/dev/idp/keys";
import { DemoIdpError, respondAs } from "@/lib/dev/idp/sign-in";
import { seedDemo } from "@/lib/dev/seed";
import { getOrganisationBySlug } from "@/lib/orgs/organisations";
import { acsDeps, handleAcsPost } from "@/lib/sso/acs-handler";
import { getSsoConnection } from "@/lib/sso/connections";
import { acsRequest, startTestJackson } from "../helpers/sso";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";
import type { SAMLJackson } from "@boxyhq/saml-jackson";

let t: TestDatabase;
let jackson: SAMLJackson;
beforeAll(async () => {
  t = await createTestDatabase();
  jackson = await startTestJackson(t);
  await seedDemo(t.db);
  await connectDemoIdpToAcme(t.db);
});
afterAll(async () => {
  await closeJackson();
  await t?.drop();
});

/** The self-submitting form's fields, as the browser would post them. */
function formFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, "&")]));
}

describe(`the demo IdP on a new development database (${testDriver()})`, () => {
  it("is connected to Acme, with IdP-initiated sign-in allowed, and its directory holds Acme's people as provisioned", async () => {
    const acme = (await getOrganisationBySlug(t.db, "acme"))!;
    expect(await connectedOrganisation(t.db)).toEqual({ id: acme.id, name: "Acme" });
    const connection = await getSsoConnection(t.db, acme.id);
    expect(connection).toMatchObject({ idpEntityId: demoIdp().entityId, idpInitiated: true });
    const directory = await loadDirectory(t.db);
    expect(directory.people.map((p) => p.email)).toContain("daniel@acme.example");
    expect(directory.people.find((p) => p.email === "nora@acme.example")).toMatchObject({ active: false });
    expect(directory.people.every((p) => p.scimId)).toBe(true);
    expect(directory.groups.map((g) => g.displayName).sort()).toEqual(["Customer Success", "Engineering", "Sales"]);
  });

  it("keeps one signing key: generated once, the same on every later start", async () => {
    const first = await demoSigningKey(t.db);
    expect(await demoSigningKey(t.db)).toEqual(first);
    const rows = await t.db.select().from(demoIdpState).where(eq(demoIdpState.key, "signing-key"));
    expect(rows).toHaveLength(1);
    expect(first.certificate).toContain("BEGIN CERTIFICATE");
  });

  it("answers Roster's request for a directory person with a response Roster accepts", async () => {
    const acme = (await getOrganisationBySlug(t.db, "acme"))!;
    const daniel = (await loadDirectory(t.db)).people.find((p) => p.email === "daniel@acme.example")!;
    const authorize = await jackson.oauthController.authorize({
      tenant: acme.id,
      product: "roster",
      client_id: "dummy",
      redirect_uri: samlRedirects().callbackUrl,
      response_type: "code",
      state: "s",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    const url = new URL(authorize.redirect_url!);
    expect(url.origin + url.pathname).toBe(demoIdp().ssoUrl);
    const html = await respondAs(t.db, { samlRequest: url.searchParams.get("SAMLRequest")!, relayState: url.searchParams.get("RelayState")!, personId: daniel.id, nonce: "n0nce" });
    expect(html).toContain('<script nonce="n0nce">');
    const fields = formFields(html);
    const res = await handleAcsPost(acsRequest(fields.SAMLResponse!, fields.RelayState), await acsDeps(t.db));
    expect(res.headers.get("location")).toMatch(new RegExp(`^${samlRedirects().callbackUrl}\\?code=`));
  });

  it("refuses requests from any other service provider", async () => {
    const foreign = deflateRawSync(
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0" AssertionConsumerServiceURL="https://evil.example/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://evil.example</saml:Issuer></samlp:AuthnRequest>`,
    ).toString("base64");
    const err = await respondAs(t.db, { samlRequest: foreign, email: "daniel@acme.example" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DemoIdpError);
    expect((err as Error).message).toContain("only signs in to");
  });
});
