import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SAMLJackson } from "@boxyhq/saml-jackson";
import { getJackson, samlRedirects, spInfo, SSO_PRODUCT, type JacksonStore } from "@/lib/sso/jackson";
import type { Db } from "@/lib/db";
import { buildSamlResponse, idpMetadataXml, readAuthnRequest, type ResponseOptions } from "@/lib/dev/idp/saml-idp";
import { generateSigningKey, type SigningKey } from "@/lib/dev/idp/keys";
import { setSsoConnection } from "@/lib/sso/connections";
import { operator, uniq } from "./fixtures";
import type { TestDatabase } from "./test-db";

/** Jackson on the test's own store: its PostgreSQL database, or a throwaway SQLite file next to an in-memory PGlite. */
export async function startTestJackson(t: TestDatabase): Promise<SAMLJackson> {
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  const store: JacksonStore = t.url
    ? { kind: "postgres", url: t.url }
    : { kind: "sqlite", file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roster-jackson-")), "jackson.sqlite") };
  return getJackson(store);
}

/** A SAML IdP for tests: its own key and entity ID, connected to an organisation through the real setSsoConnection. */
export class TestIdp {
  readonly entityId = `https://idp-${uniq()}.test/saml`;
  readonly key: SigningKey;
  constructor(key?: SigningKey) {
    this.key = key ?? sharedKey();
  }
  metadata(): string {
    return idpMetadataXml({ entityId: this.entityId, ssoUrl: `${this.entityId}/sso`, certificate: this.key.certificate });
  }
  async connect(db: Db, orgId: string, idpInitiated = false) {
    return setSsoConnection(db, { orgId, metadataXml: this.metadata(), idpInitiated, actor: operator });
  }
  /** A response as the IdP would send it; every option can be bent to forge a bad one. */
  response(o: Partial<ResponseOptions> & { email: string }): string {
    const sp = spInfo();
    const xml = buildSamlResponse({ issuer: this.entityId, audience: sp.entityId, acsUrl: sp.acsUrl, key: this.key, ...o });
    return Buffer.from(xml).toString("base64");
  }
}

let cachedKey: SigningKey | undefined;
/** RSA key generation takes about a second; tests share one key unless they need "another key". */
function sharedKey(): SigningKey {
  cachedKey ??= generateSigningKey("Test IdP");
  return cachedKey;
}

/** Starts an SP-initiated sign-in as next-auth would; returns the AuthnRequest ID and Jackson's RelayState. */
export async function startSpSignIn(jackson: SAMLJackson, orgId: string): Promise<{ requestId: string; relayState: string }> {
  const result = await jackson.oauthController.authorize({
    tenant: orgId,
    product: SSO_PRODUCT,
    client_id: "dummy",
    redirect_uri: samlRedirects().callbackUrl,
    response_type: "code",
    state: uniq(),
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  const url = new URL(result.redirect_url!);
  const request = await readAuthnRequest(url.searchParams.get("SAMLRequest")!, "redirect");
  return { requestId: request.id, relayState: url.searchParams.get("RelayState")! };
}

export function acsRequest(samlResponse: string, relayState?: string): Request {
  const form = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState ? { RelayState: relayState } : {}) });
  return new Request(spInfo().acsUrl, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
}
