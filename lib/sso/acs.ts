import { AcsRefusal, readRawResponse, readSignedAssertion, type SignedAssertion } from "./saml-response";
import { saml20 } from "./saml20";

export { AcsRefusal } from "./saml-response";

/** Jackson's own clock skew is ±10 minutes; Roster allows 3 and keeps replay records past Jackson's window. */
const CLOCK_SKEW_MS = 3 * 60_000;
const REPLAY_MARGIN_MS = 10 * 60_000;
/** The RelayState Jackson gives every sign-in it starts (SP-initiated); anything else is IdP-initiated. */
const SP_RELAY_PREFIX = "boxyhq_jackson_";

export interface IdpConnection {
  tenant: string;
  /** Comma-separated base64 certificates, as Jackson stores them. */
  publicKey?: string;
  thumbprint?: string;
}

export interface AcsDeps {
  /** Roster's SAML entity ID: the audience, compared exactly. */
  audience: string;
  acsUrl: string;
  now?: () => Date;
  connectionsFor(issuer: string): Promise<IdpConnection[]>;
  idpInitiatedAllowed(tenant: string): Promise<boolean>;
  /** false when the assertion was already used (see lib/sso/replay.ts). */
  markUsed(p: { issuer: string; assertionId: string; expiresAt: Date }): Promise<boolean>;
}

export interface AcceptedResponse {
  tenant: string;
  issuer: string;
  assertionId: string;
  solicited: boolean;
}

/**
 * Roster's checks on a SAML response, before Jackson turns it into a sign-in.
 * Jackson 26.2 verifies the signature and the time window, but (measured in
 * tests/integration/sso-acs.test.ts) it accepts an audience that merely starts
 * with ours, accepts a response without InResponseTo inside an SP-initiated
 * sign-in, and keeps no record of used assertions. Here: the signature is
 * checked with the connection's certificate first, and everything else is
 * read from the signed XML only; then exact audience and recipient, the time
 * window, InResponseTo (required unless the organisation allows IdP-initiated
 * sign-in), and a replay record shared by every instance.
 */
export async function checkSamlResponse(
  input: { samlResponse: string; relayState: string },
  deps: AcsDeps,
): Promise<AcceptedResponse> {
  const raw = readRawResponse(input.samlResponse);
  const connections = await deps.connectionsFor(raw.issuer);
  const tenant = connections[0]?.tenant;
  if (!tenant) throw new AcsRefusal("unknown_issuer", `No organisation has an SSO connection for the identity provider "${raw.issuer}".`);
  if (!raw.hasSignature) throw new AcsRefusal("unsigned", "The sign-in response is not signed.");
  const signed = verifySignature(raw.xml, connections);
  const assertion = readSignedAssertion(signed);

  if (raw.destination && raw.destination !== deps.acsUrl) {
    throw new AcsRefusal("wrong_recipient", "The sign-in response was addressed to another service.");
  }
  checkAudience(assertion, deps.audience);
  if (assertion.recipient && assertion.recipient !== deps.acsUrl) {
    throw new AcsRefusal("wrong_recipient", "The assertion was issued for another service's sign-in address.");
  }
  const now = deps.now?.() ?? new Date();
  const expiresAt = checkTime(assertion, now);

  const solicited = Boolean(assertion.inResponseTo);
  const spFlow = input.relayState.startsWith(SP_RELAY_PREFIX);
  if (solicited) {
    // Jackson compares the Response's (possibly unsigned) InResponseTo with the pending request: it must be the signed value.
    if (raw.inResponseTo !== assertion.inResponseTo) {
      throw new AcsRefusal("in_response_to_mismatch", "The response's InResponseTo does not match its signed assertion.");
    }
    if (!spFlow) throw new AcsRefusal("unexpected_in_response_to", "This response answers a sign-in request that was not started here.");
  } else if (!(await deps.idpInitiatedAllowed(tenant))) {
    throw new AcsRefusal(
      "unsolicited",
      "The identity provider sent a sign-in that Roster did not ask for (no InResponseTo), and IdP-initiated sign-in is off for this organisation. Start from Roster's sign-in page.",
    );
  }
  if (!(await deps.markUsed({ issuer: raw.issuer, assertionId: assertion.id, expiresAt: new Date(expiresAt.getTime() + REPLAY_MARGIN_MS) }))) {
    throw new AcsRefusal("replayed", "This sign-in response was already used. Start again from the sign-in page.");
  }
  return { tenant, issuer: raw.issuer, assertionId: assertion.id, solicited };
}

/** The signed XML, verified against the connection's certificates (xml-crypto through @boxyhq/saml20, as Jackson does). */
function verifySignature(xml: string, connections: IdpConnection[]): string {
  for (const c of connections) {
    try {
      const signed = c.publicKey ? saml20.validateSignature(xml, c.publicKey, null) : saml20.validateSignature(xml, null, c.thumbprint);
      if (signed) return signed;
    } catch {
      // try the next connection's certificate
    }
  }
  throw new AcsRefusal("bad_signature", "The sign-in response's signature is not valid for this organisation's identity provider certificate.");
}

/** SAML core §2.5.1.4: every AudienceRestriction must name us, exactly. */
function checkAudience(a: SignedAssertion, audience: string): void {
  if (a.audiences.length === 0 || !a.audiences.every((list) => list.includes(audience))) {
    throw new AcsRefusal("wrong_audience", `The assertion is for another service (its audience is not "${audience}").`);
  }
}

function checkTime(a: SignedAssertion, now: Date): Date {
  if (!a.notOnOrAfter) throw new AcsRefusal("no_expiry", "The assertion has no expiry (NotOnOrAfter).");
  if (now.getTime() >= a.notOnOrAfter.getTime() + CLOCK_SKEW_MS) {
    throw new AcsRefusal("expired", "The sign-in response has expired. Start again from the sign-in page.");
  }
  if (a.notBefore && now.getTime() < a.notBefore.getTime() - CLOCK_SKEW_MS) {
    throw new AcsRefusal("not_yet_valid", "The sign-in response is not valid yet (check the identity provider's clock).");
  }
  return a.notOnOrAfter;
}
