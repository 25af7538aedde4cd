import { spInfo } from "@/lib/sso/jackson";
import type { Executor } from "@/lib/db";
import { isEmail } from "@/lib/validation";
import { demoIdp } from "./config";
import { loadDirectory } from "./directory-store";
import { demoSigningKey } from "./keys";
import { buildSamlResponse, postForm, readAuthnRequest, type AuthnRequestInfo } from "./saml-idp";

export class DemoIdpError extends Error {}

/**
 * The demo IdP knows one service provider, this Roster: it answers only
 * requests from Roster's entity ID and posts only to Roster's ACS URL (an IdP
 * that posted assertions wherever a request asked would hand them to anyone).
 */
export async function readRosterRequest(samlRequest: string, binding: "redirect" | "post"): Promise<AuthnRequestInfo> {
  let request: AuthnRequestInfo;
  try {
    request = await readAuthnRequest(samlRequest, binding);
  } catch {
    throw new DemoIdpError("This sign-in request is not a readable SAML AuthnRequest.");
  }
  const sp = spInfo();
  if (request.issuer !== sp.entityId) throw new DemoIdpError(`The demo IdP only signs in to ${sp.entityId}, not ${request.issuer}.`);
  if (request.acsUrl && request.acsUrl !== sp.acsUrl) throw new DemoIdpError(`The request asks for an unknown ACS URL (${request.acsUrl}).`);
  return request;
}

/**
 * "Sign in as": a signed response for the chosen directory person (or any
 * address typed in, to try Roster's refusals), answering the request, or
 * unsolicited when started from the directory (IdP-initiated). Returns the
 * self-submitting form that carries it to Roster's ACS.
 */
export async function respondAs(
  db: Executor,
  p: { samlRequest?: string; relayState?: string; personId?: string; email?: string; nonce?: string },
): Promise<string> {
  const request = p.samlRequest ? await readRosterRequest(p.samlRequest, "redirect") : null;
  const directory = await loadDirectory(db);
  const person = p.personId ? directory.people.find((x) => x.id === p.personId) : undefined;
  const email = person?.email ?? p.email?.trim().toLowerCase() ?? "";
  if (!isEmail(email)) throw new DemoIdpError("Choose a person from the directory or type a valid email address.");
  const groupNames = person ? directory.groups.filter((g) => g.memberIds.includes(person.id)).map((g) => g.displayName) : [];
  const sp = spInfo();
  const xml = buildSamlResponse({
    issuer: demoIdp().entityId,
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    email,
    attributes: {
      ...(person ? { firstName: person.givenName, lastName: person.familyName } : {}),
      ...(groupNames.length ? { groups: groupNames } : {}),
    },
    inResponseTo: request?.id,
    key: await demoSigningKey(db),
  });
  const fields: Record<string, string> = { SAMLResponse: Buffer.from(xml).toString("base64") };
  if (request && p.relayState) fields.RelayState = p.relayState;
  return postForm(sp.acsUrl, fields, p.nonce);
}
