import type { SAMLJackson } from "@boxyhq/saml-jackson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeJackson, samlRedirects, spInfo } from "@/lib/sso/jackson";
import { generateSigningKey } from "@/lib/dev/idp/keys";
import { acsDeps, handleAcsPost } from "@/lib/sso/acs-handler";
import { makeOrg } from "../helpers/fixtures";
import { acsRequest, startSpSignIn, startTestJackson, TestIdp } from "../helpers/sso";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
let jackson: SAMLJackson;
let orgId: string;
let idp: TestIdp;
let openOrgId: string;
let openIdp: TestIdp;

beforeAll(async () => {
  t = await createTestDatabase();
  jackson = await startTestJackson(t);
  // One organisation with IdP-initiated sign-in off (the default), one with it on.
  orgId = (await makeOrg(t.db)).id;
  idp = new TestIdp();
  await idp.connect(t.db, orgId);
  openOrgId = (await makeOrg(t.db)).id;
  openIdp = new TestIdp();
  await openIdp.connect(t.db, openOrgId, true);
});
afterAll(async () => {
  await closeJackson();
  await t?.drop();
});

const EMAIL = "someone@example.com";

async function post(samlResponse: string, relayState?: string): Promise<string> {
  const res = await handleAcsPost(acsRequest(samlResponse, relayState), await acsDeps(t.db));
  expect(res.status).toBe(303);
  return res.headers.get("location") ?? "";
}

const refusedWith = (code: string) => expect.stringContaining(`/login/refused?reason=saml&code=${code}`);
const signedIn = () => expect.stringMatching(new RegExp(`^${samlRedirects().callbackUrl}\\?code=[0-9a-f]+\\.[0-9a-f]+&state=`));

/** What Jackson 26.2 does on its own with a response (no Roster checks): a code means it would sign the person in. */
async function jacksonAlone(samlResponse: string, relayState: string): Promise<boolean> {
  const result = await jackson.oauthController.samlResponse({ SAMLResponse: samlResponse, RelayState: relayState });
  return Boolean(result.redirect_url?.includes("code=") && !result.error);
}

describe(`Roster's SAML ACS (${testDriver()})`, () => {
  it("accepts a correctly signed response to its own request", async () => {
    const flow = await startSpSignIn(jackson, orgId);
    expect(await post(idp.response({ email: EMAIL, inResponseTo: flow.requestId }), flow.relayState)).toEqual(signedIn());
  });

  it("accepts responses signed on the assertion only, or on the response only", async () => {
    for (const sign of ["assertion", "response"] as const) {
      const flow = await startSpSignIn(jackson, orgId);
      expect(await post(idp.response({ email: EMAIL, inResponseTo: flow.requestId, sign }), flow.relayState)).toEqual(signedIn());
    }
  });

  const negatives: { name: string; code: string; make(requestId: string): string }[] = [
    { name: "an unsigned response", code: "unsigned", make: (id) => idp.response({ email: EMAIL, inResponseTo: id, sign: "none" }) },
    {
      name: "a response altered after signing (bad signature)",
      code: "bad_signature",
      make: (id) => {
        const xml = Buffer.from(idp.response({ email: EMAIL, inResponseTo: id }), "base64").toString();
        return Buffer.from(xml.replaceAll(EMAIL, "attacker@example.com")).toString("base64");
      },
    },
    {
      name: "a response signed with another key",
      code: "bad_signature",
      make: (id) => new TestIdp(generateSigningKey("Impostor")).response({ email: EMAIL, inResponseTo: id, issuer: idp.entityId }),
    },
    { name: "an assertion for another audience", code: "wrong_audience", make: (id) => idp.response({ email: EMAIL, inResponseTo: id, audience: "https://other-app.example" }) },
    { name: "an expired response", code: "expired", make: (id) => idp.response({ email: EMAIL, inResponseTo: id, ttlSeconds: -3600 }) },
    {
      name: "a response for another ACS URL",
      code: "wrong_recipient",
      make: (id) => idp.response({ email: EMAIL, inResponseTo: id, acsUrl: "https://other-app.example/acs" }),
    },
    {
      name: "a response from an IdP no organisation connected",
      code: "unknown_issuer",
      make: (id) => idp.response({ email: EMAIL, inResponseTo: id, issuer: "https://unknown-idp.test" }),
    },
  ];
  for (const n of negatives) {
    it(`refuses ${n.name}`, async () => {
      const flow = await startSpSignIn(jackson, orgId);
      expect(await post(n.make(flow.requestId), flow.relayState)).toEqual(refusedWith(n.code));
    });
  }

  it("refuses a replayed response, the second time", async () => {
    const flow = await startSpSignIn(jackson, orgId);
    const response = idp.response({ email: EMAIL, inResponseTo: flow.requestId });
    expect(await post(response, flow.relayState)).toEqual(signedIn());
    const again = await startSpSignIn(jackson, orgId);
    expect(await post(response, again.relayState)).toEqual(refusedWith("replayed"));
  });

  it("refuses a response smuggling a second, unsigned assertion (signature wrapping)", async () => {
    const flow = await startSpSignIn(jackson, orgId);
    const xml = Buffer.from(idp.response({ email: EMAIL, inResponseTo: flow.requestId, sign: "assertion" }), "base64").toString();
    const evil = xml.replace(
      "</samlp:Response>",
      `<saml:Assertion ID="_evil" Version="2.0"><saml:Subject><saml:NameID>admin@example.com</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`,
    );
    expect(await post(Buffer.from(evil).toString("base64"), flow.relayState)).toEqual(refusedWith("malformed"));
  });

  it("refuses a response answering another sign-in's request (Jackson's own InResponseTo check)", async () => {
    const a = await startSpSignIn(jackson, orgId);
    const b = await startSpSignIn(jackson, orgId);
    expect(await post(idp.response({ email: EMAIL, inResponseTo: a.requestId }), b.relayState)).toEqual(refusedWith("rejected"));
  });

  it("refuses a solicited response posted without the sign-in it answers", async () => {
    const flow = await startSpSignIn(jackson, openOrgId);
    expect(await post(openIdp.response({ email: EMAIL, inResponseTo: flow.requestId }))).toEqual(refusedWith("unexpected_in_response_to"));
  });

  it("refuses text, a DOCTYPE and a document that is not a SAML response", async () => {
    expect(await post("not base64 at all!")).toEqual(refusedWith("malformed"));
    const doctype = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`;
    expect(await post(Buffer.from(doctype).toString("base64"))).toEqual(refusedWith("malformed"));
    expect(await post(Buffer.from("<html><body>login</body></html>").toString("base64"))).toEqual(refusedWith("malformed"));
  });

  describe("the three holes Jackson 26.2 leaves open, measured, and closed by Roster", () => {
    it("an audience that merely starts with ours", async () => {
      const prefixed = `${spInfo().entityId}.evil.example`;
      const alone = await startSpSignIn(jackson, orgId);
      expect(await jacksonAlone(idp.response({ email: EMAIL, inResponseTo: alone.requestId, audience: prefixed }), alone.relayState)).toBe(true);

      const flow = await startSpSignIn(jackson, orgId);
      expect(await post(idp.response({ email: EMAIL, inResponseTo: flow.requestId, audience: prefixed }), flow.relayState)).toEqual(
        refusedWith("wrong_audience"),
      );
    });

    it("a response without InResponseTo sent into an SP-initiated sign-in", async () => {
      const alone = await startSpSignIn(jackson, orgId);
      expect(await jacksonAlone(idp.response({ email: EMAIL }), alone.relayState)).toBe(true);

      const flow = await startSpSignIn(jackson, orgId);
      expect(await post(idp.response({ email: EMAIL }), flow.relayState)).toEqual(refusedWith("unsolicited"));
      // Nor may an unsigned InResponseTo on the Response element stand in for the signed one.
      const smuggle = await startSpSignIn(jackson, orgId);
      expect(await post(idp.response({ email: EMAIL, inResponseToOnResponseOnly: smuggle.requestId }), smuggle.relayState)).toEqual(
        refusedWith("unsolicited"),
      );
    });

    it("a replay of such a response", async () => {
      const response = openIdp.response({ email: EMAIL });
      const first = await startSpSignIn(jackson, openOrgId);
      const second = await startSpSignIn(jackson, openOrgId);
      expect(await jacksonAlone(response, first.relayState)).toBe(true);
      expect(await jacksonAlone(response, second.relayState)).toBe(true);

      // Roster, for an organisation that allows IdP-initiated sign-in: the first use passes, the replay does not.
      const fresh = openIdp.response({ email: EMAIL });
      expect(await post(fresh)).toMatch(/\/login\/idp\?code=/);
      expect(await post(fresh)).toEqual(refusedWith("replayed"));
      const third = await startSpSignIn(jackson, openOrgId);
      expect(await post(fresh, third.relayState)).toEqual(refusedWith("replayed"));
    });
  });
});
