import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeJackson, SSO_PRODUCT } from "@/lib/sso/jackson";
import { auditLog } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { generateSigningKey } from "@/lib/dev/idp/keys";
import { getOrganisation } from "@/lib/orgs/organisations";
import { getSsoConnection, removeSsoConnection, setIdpInitiated, setSsoConnection } from "@/lib/sso/connections";
import { readIdpMetadata } from "@/lib/sso/metadata";
import { makeOrg, operator } from "../helpers/fixtures";
import { startTestJackson, TestIdp } from "../helpers/sso";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";
import type { SAMLJackson } from "@boxyhq/saml-jackson";

let t: TestDatabase;
let jackson: SAMLJackson;
beforeAll(async () => {
  t = await createTestDatabase();
  jackson = await startTestJackson(t);
});
afterAll(async () => {
  await closeJackson();
  await t?.drop();
});

const actions = async (orgId: string) =>
  (await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.orgId, orgId)))).map((a) => a.action).filter((a) => a.startsWith("sso."));
const jacksonConnections = async (orgId: string) => jackson.connectionAPIController.getConnections({ tenant: orgId, product: SSO_PRODUCT });

describe(`SAML connections (${testDriver()})`, () => {
  it("set, replace with another IdP, toggle IdP-initiated, remove: one connection at a time, sso_configured_at in sync, all audited", async () => {
    const org = await makeOrg(t.db);
    expect(await getSsoConnection(t.db, org.id)).toBeNull();

    const first = new TestIdp();
    const set = await first.connect(t.db, org.id);
    expect(set.replaced).toBe(false);
    expect(set.connection.idpEntityId).toBe(first.entityId);
    expect(set.connection.certificates[0]?.subject).toContain("Test IdP");
    expect((await getOrganisation(t.db, org.id)).ssoConfiguredAt).toBeInstanceOf(Date);

    const second = new TestIdp(generateSigningKey("Second IdP"));
    const replaced = await second.connect(t.db, org.id);
    expect(replaced.replaced).toBe(true);
    const now = await jacksonConnections(org.id);
    expect(now).toHaveLength(1);
    expect((await getSsoConnection(t.db, org.id))?.idpEntityId).toBe(second.entityId);

    await setIdpInitiated(t.db, { orgId: org.id, allowed: true, actor: operator });
    expect((await getSsoConnection(t.db, org.id))?.idpInitiated).toBe(true);

    await removeSsoConnection(t.db, { orgId: org.id, actor: operator });
    expect(await jacksonConnections(org.id)).toHaveLength(0);
    const after = await getOrganisation(t.db, org.id);
    expect(after.ssoConfiguredAt).toBeNull();
    expect(after.ssoIdpInitiated).toBe(false);
    expect(await actions(org.id)).toEqual(["sso.configured", "sso.replaced", "sso.idp_initiated_on", "sso.removed"]);
    await expect(removeSsoConnection(t.db, { orgId: org.id, actor: operator })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("one IdP application cannot serve two organisations", async () => {
    const idp = new TestIdp();
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    await idp.connect(t.db, a.id);
    const err = await idp.connect(t.db, b.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toContain("already connected to another organisation");
    expect((await getOrganisation(t.db, b.id)).ssoConfiguredAt).toBeNull();
  });

  it("bad metadata is refused with a message that says what is wrong, and nothing is written", async () => {
    const org = await makeOrg(t.db);
    const idp = new TestIdp();
    const cases: [string, RegExp][] = [
      ["", /Paste or upload/],
      ["hello", /not valid XML/],
      [idp.key.certificate, /certificate, not metadata/],
      ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', /DOCTYPE/],
      ["<html><body>Sign in</body></html>", /No <EntityDescriptor>/],
      [idp.metadata().replace(/IDPSSODescriptor/g, "SPSSODescriptor"), /service provider's metadata/],
      [idp.metadata().replace(/<md:SingleSignOnService[^>]*\/>/g, ""), /no SingleSignOnService/],
      [idp.metadata().replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, ""), /no signing certificate/],
      [idp.metadata().replace(/<ds:X509Certificate>[^<]*</, "<ds:X509Certificate>bm90IGEgY2VydA==<"), /not a readable certificate/],
    ];
    for (const [xml, message] of cases) {
      const err = await setSsoConnection(t.db, { orgId: org.id, metadataXml: xml, actor: operator }).catch((e: unknown) => e);
      expect(err, xml.slice(0, 40)).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
    }
    expect(await jacksonConnections(org.id)).toHaveLength(0);
    expect((await getOrganisation(t.db, org.id)).ssoConfiguredAt).toBeNull();
    expect(await actions(org.id)).toEqual([]);
  });

  it("reads real-world metadata shapes: POST-only binding, unprefixed namespaces, several certificates", () => {
    const cert = new TestIdp().key.certificate.replace(/-----[^-]+-----|\s/g, "");
    const xml = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sts.windows.net/abc/">
      <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
        <KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${cert}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
        <KeyDescriptor use="encryption"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>garbage</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
        <KeyDescriptor><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${cert}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
        <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://login.example/saml2"/>
      </IDPSSODescriptor></EntityDescriptor>`;
    const m = readIdpMetadata(xml);
    expect(m).toMatchObject({ entityId: "https://sts.windows.net/abc/", ssoUrl: "https://login.example/saml2", binding: "HTTP-POST" });
    expect(m.certificates).toHaveLength(2);
  });
});
