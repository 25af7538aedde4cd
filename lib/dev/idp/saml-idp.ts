import { randomBytes } from "node:crypto";
import { saml20 } from "@/lib/sso/saml20";
import { attr, firstChild, NS, parseXml, textOf } from "@/lib/sso/xml";

/**
 * The identity-provider half of SAML 2.0 Web SSO (profiles §4.1), as small as
 * a demo needs and no smaller: read an AuthnRequest, issue a signed
 * Response. Signing is @boxyhq/saml20's (xml-crypto, RSA-SHA256,
 * exclusive c14n), the library Jackson verifies with. Tests use the same
 * builder, with its options, to forge the bad responses Roster must refuse.
 */
export interface ResponseOptions {
  issuer: string;
  /** The audience, normally the SP's entity ID. */
  audience: string | string[];
  acsUrl: string;
  email: string;
  attributes?: Record<string, string | string[]>;
  /** The AuthnRequest ID this answers; absent for an IdP-initiated (unsolicited) response. */
  inResponseTo?: string;
  /** Put InResponseTo on the Response element only, not in the signed assertion (a forgery test). */
  inResponseToOnResponseOnly?: string;
  key: { privateKey: string; certificate: string };
  sign?: "both" | "assertion" | "response" | "none";
  /** Lifetime; negative values make an already expired response. */
  ttlSeconds?: number;
  now?: Date;
  assertionId?: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
const newId = () => `_${randomBytes(16).toString("hex")}`;

export function buildSamlResponse(o: ResponseOptions): string {
  const now = o.now ?? new Date();
  const notBefore = new Date(now.getTime() - 60_000).toISOString();
  const notOnOrAfter = new Date(now.getTime() + (o.ttlSeconds ?? 300) * 1000).toISOString();
  const issueInstant = now.toISOString();
  const irt = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
  const responseIrt = o.inResponseToOnResponseOnly ? ` InResponseTo="${esc(o.inResponseToOnResponseOnly)}"` : irt;
  const audiences = (Array.isArray(o.audience) ? o.audience : [o.audience]).map((a) => `<saml:Audience>${esc(a)}</saml:Audience>`).join("");
  const attributes = Object.entries({ email: o.email, ...o.attributes })
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">` +
        (Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join("") +
        `</saml:Attribute>`,
    )
    .join("");
  const xml =
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${newId()}" Version="2.0" IssueInstant="${issueInstant}" Destination="${esc(o.acsUrl)}"${responseIrt}>` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:saml="${NS.assertion}" ID="${o.assertionId ?? newId()}" Version="2.0" IssueInstant="${issueInstant}">` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(o.email)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData${irt} NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(o.acsUrl)}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction>${audiences}</saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issueInstant}" SessionIndex="${newId()}"><saml:AuthnContext>` +
    `<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>` +
    `</saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`;
  const mode = o.sign ?? "both";
  let signed = xml;
  if (mode === "both" || mode === "assertion") {
    signed = saml20.sign(signed, o.key.privateKey, o.key.certificate, '//*[local-name(.)="Assertion"]');
  }
  if (mode === "both" || mode === "response") {
    signed = saml20.sign(signed, o.key.privateKey, o.key.certificate, `/*[local-name(.)="Response" and namespace-uri(.)="${NS.protocol}"]`);
  }
  return signed;
}

export interface AuthnRequestInfo {
  id: string;
  issuer: string;
  acsUrl?: string;
}

/** Reads a SAMLRequest from the HTTP-Redirect (deflated) or HTTP-POST binding. */
export async function readAuthnRequest(samlRequest: string, binding: "redirect" | "post"): Promise<AuthnRequestInfo> {
  const xml = await saml20.decodeBase64(samlRequest, binding === "redirect");
  const root = parseXml(xml).documentElement!;
  if (root.namespaceURI !== NS.protocol || root.localName !== "AuthnRequest") throw new Error("Not a SAML AuthnRequest");
  const id = attr(root, "ID");
  const issuer = textOf(firstChild(root, NS.assertion, "Issuer"));
  if (!id || !issuer) throw new Error("The AuthnRequest has no ID or Issuer");
  return { id, issuer, acsUrl: attr(root, "AssertionConsumerServiceURL") };
}

export function idpMetadataXml(p: { entityId: string; ssoUrl: string; certificate: string }): string {
  return saml20.createIdPMetadataXML({ entityId: p.entityId, ssoUrl: p.ssoUrl, x509cert: p.certificate, wantAuthnRequestsSigned: false });
}

/**
 * The self-submitting form that carries a response to the SP through the
 * browser (HTTP-POST binding). `nonce` is the page's CSP nonce (proxy.ts),
 * without which the browser would not run the one-line submit script.
 */
export function postForm(acsUrl: string, fields: Record<string, string>, nonce?: string): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing you in…</title></head>` +
    `<body style="font-family:system-ui,sans-serif;color:#3f3f46;display:grid;place-items:center;min-height:90vh">` +
    `<form method="post" action="${esc(acsUrl)}">${inputs}<p>Signing you in to Roster…</p>` +
    `<noscript><button type="submit">Continue</button></noscript></form>` +
    `<script${nonce ? ` nonce="${esc(nonce)}"` : ""}>document.forms[0].submit()</script></body></html>`
  );
}
