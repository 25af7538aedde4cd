import type { Element } from "@xmldom/xmldom";
import { attr, childElements, descendants, firstChild, NS, parseXml, textOf, XmlError } from "./xml";

/** Why Roster's ACS refused a SAML response. Each code has its own message and test. */
export type AcsRefusalCode =
  | "malformed"
  | "idp_error"
  | "encrypted"
  | "unknown_issuer"
  | "unsigned"
  | "bad_signature"
  | "wrong_audience"
  | "wrong_recipient"
  | "expired"
  | "not_yet_valid"
  | "no_expiry"
  | "unsolicited"
  | "unexpected_in_response_to"
  | "in_response_to_mismatch"
  | "replayed";

export class AcsRefusal extends Error {
  override name = "AcsRefusal";
  constructor(
    readonly code: AcsRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** A SAML response as posted, before its signature is checked: only used to refuse, never to trust. */
export interface RawResponse {
  xml: string;
  issuer: string;
  destination?: string;
  inResponseTo?: string;
  hasSignature: boolean;
}

const MAX_RESPONSE_BYTES = 512 * 1024;

export function readRawResponse(base64: string): RawResponse {
  const compact = base64.replace(/\s+/g, "");
  if (!compact || compact.length > (MAX_RESPONSE_BYTES * 4) / 3 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new AcsRefusal("malformed", "The sign-in response is missing or is not base64.");
  }
  const xml = Buffer.from(compact, "base64").toString("utf8");
  let doc;
  try {
    doc = parseXml(xml);
  } catch (e) {
    throw new AcsRefusal("malformed", e instanceof XmlError ? e.message : "The sign-in response is not XML.");
  }
  const root = doc.documentElement!;
  if (root.namespaceURI !== NS.protocol || root.localName !== "Response") {
    throw new AcsRefusal("malformed", "The sign-in response is not a SAML 2.0 <Response>.");
  }
  const status = attr(firstChild(firstChild(root, NS.protocol, "Status") ?? root, NS.protocol, "StatusCode"), "Value");
  if (!status?.endsWith(":Success")) {
    throw new AcsRefusal("idp_error", `The identity provider reported that sign-in failed (${status?.split(":").pop() ?? "no status"}).`);
  }
  if (descendants(doc, NS.assertion, "EncryptedAssertion").length > 0) {
    throw new AcsRefusal(
      "encrypted",
      "The identity provider encrypted the assertion. Roster's metadata offers no encryption key: turn off assertion encryption in the IdP.",
    );
  }
  // Exactly one assertion: a second one is how signature-wrapping attacks smuggle an unsigned identity in.
  if (descendants(doc, NS.assertion, "Assertion").length !== 1) {
    throw new AcsRefusal("malformed", "The sign-in response must contain exactly one assertion.");
  }
  const issuer = textOf(firstChild(root, NS.assertion, "Issuer"));
  if (!issuer) throw new AcsRefusal("malformed", "The sign-in response names no issuer.");
  return {
    xml,
    issuer,
    destination: attr(root, "Destination"),
    inResponseTo: attr(root, "InResponseTo"),
    hasSignature: descendants(doc, NS.dsig, "Signature").length > 0,
  };
}

/** What Roster reads from the signed part of the response (the Assertion, or the Response around it). */
export interface SignedAssertion {
  id: string;
  /** True when the IdP signed the whole Response, so its InResponseTo attribute is covered too. */
  responseSigned: boolean;
  inResponseTo?: string;
  audiences: string[][];
  recipient?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
}

export function readSignedAssertion(signedXml: string): SignedAssertion {
  const root = parseXml(signedXml).documentElement!;
  const responseSigned = root.namespaceURI === NS.protocol && root.localName === "Response";
  const assertion = responseSigned ? descendants(root, NS.assertion, "Assertion")[0] : root;
  if (!assertion || assertion.namespaceURI !== NS.assertion || assertion.localName !== "Assertion") {
    throw new AcsRefusal("malformed", "The signature does not cover the assertion.");
  }
  const id = attr(assertion, "ID");
  if (!id) throw new AcsRefusal("malformed", "The assertion has no ID.");
  const conditions = firstChild(assertion, NS.assertion, "Conditions");
  const confirmation = bearerConfirmation(assertion);
  const scdIrt = attr(confirmation, "InResponseTo");
  return {
    id,
    responseSigned,
    inResponseTo: responseSigned ? (attr(root, "InResponseTo") ?? scdIrt) : scdIrt,
    audiences: conditions
      ? childElements(conditions, NS.assertion, "AudienceRestriction").map((r) => childElements(r, NS.assertion, "Audience").map((a) => textOf(a)))
      : [],
    recipient: attr(confirmation, "Recipient"),
    notBefore: time(attr(conditions, "NotBefore")),
    notOnOrAfter: earliest(time(attr(conditions, "NotOnOrAfter")), time(attr(confirmation, "NotOnOrAfter"))),
  };
}

/** SubjectConfirmationData of the bearer confirmation (SAML profiles §4.1.4.2). */
function bearerConfirmation(assertion: Element): Element | undefined {
  const subject = firstChild(assertion, NS.assertion, "Subject");
  if (!subject) return undefined;
  const bearer = childElements(subject, NS.assertion, "SubjectConfirmation").find(
    (c) => attr(c, "Method") === "urn:oasis:names:tc:SAML:2.0:cm:bearer",
  );
  return bearer ? firstChild(bearer, NS.assertion, "SubjectConfirmationData") : undefined;
}

function time(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new AcsRefusal("malformed", `"${value}" is not a valid SAML time.`);
  return d;
}

function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
