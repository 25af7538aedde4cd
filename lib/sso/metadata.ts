import { X509Certificate } from "node:crypto";
import { ValidationError } from "@/lib/errors";
import { attr, childElements, descendants, NS, parseXml, textOf, XmlError } from "./xml";

/** IdP metadata files are small; ADFS's, the largest in common use, is well under this. */
export const MAX_METADATA_BYTES = 512 * 1024;

export interface IdpCertificate {
  /** Base64 DER, as it appears in the metadata. */
  base64: string;
  subject: string;
  fingerprintSha256: string;
  validTo: Date;
  expired: boolean;
}

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  binding: "HTTP-Redirect" | "HTTP-POST";
  certificates: IdpCertificate[];
}

const BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:";

const invalid = (message: string) => new ValidationError(message, "metadata");

/**
 * Reads an identity provider's SAML metadata (SAML metadata §2.4.3) and says
 * precisely what is wrong with it, before Jackson sees it: Jackson's own
 * parser reports little more than "invalid", and an administrator pasting
 * the wrong file (SP metadata, a certificate, an HTML login page) deserves
 * to be told which.
 */
export function readIdpMetadata(xml: string): IdpMetadata {
  const source = xml.trim();
  if (!source) throw invalid("Paste or upload your identity provider's SAML metadata XML.");
  if (Buffer.byteLength(source) > MAX_METADATA_BYTES) throw invalid("This file is too large to be SAML metadata (over 512 KB).");
  if (source.startsWith("-----BEGIN")) {
    throw invalid("This is a certificate, not metadata. Download the IdP's SAML metadata XML (it contains the certificate).");
  }
  let doc;
  try {
    doc = parseXml(source);
  } catch (e) {
    throw invalid(`This is not valid XML metadata: ${e instanceof XmlError ? e.message : "unreadable"}`);
  }
  const root = doc.documentElement!;
  const entity =
    root.namespaceURI === NS.metadata && root.localName === "EntityDescriptor"
      ? root
      : descendants(doc, NS.metadata, "EntityDescriptor")[0];
  if (!entity) throw invalid("No <EntityDescriptor> found: this is not SAML metadata.");
  const idp = childElements(entity, NS.metadata, "IDPSSODescriptor")[0];
  if (!idp) {
    const isSp = childElements(entity, NS.metadata, "SPSSODescriptor").length > 0;
    throw invalid(
      isSp
        ? "This is a service provider's metadata (it has an SPSSODescriptor). Upload your identity provider's metadata instead."
        : "No <IDPSSODescriptor> found: this metadata does not describe an identity provider.",
    );
  }
  const entityId = attr(entity, "entityID");
  if (!entityId) throw invalid("The metadata has no entityID.");

  const services = childElements(idp, NS.metadata, "SingleSignOnService");
  const pick = (b: "HTTP-Redirect" | "HTTP-POST") => services.find((s) => attr(s, "Binding") === BINDING + b);
  const service = pick("HTTP-Redirect") ?? pick("HTTP-POST");
  const ssoUrl = attr(service, "Location");
  if (!service || !ssoUrl) {
    throw invalid("The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding.");
  }
  if (!/^https?:\/\//i.test(ssoUrl)) throw invalid(`The sign-in URL "${ssoUrl}" is not an http(s) URL.`);

  const certificates = signingCertificates(idp);
  if (certificates.length === 0) throw invalid("The metadata has no signing certificate (<KeyDescriptor> with an X509Certificate).");
  return {
    entityId,
    ssoUrl,
    binding: attr(service, "Binding") === BINDING + "HTTP-POST" ? "HTTP-POST" : "HTTP-Redirect",
    certificates,
  };
}

/** Certificates of KeyDescriptors for signing, or without a `use` (which means both, metadata §2.4.1.1). */
function signingCertificates(idp: ReturnType<typeof childElements>[number]): IdpCertificate[] {
  const out: IdpCertificate[] = [];
  for (const kd of childElements(idp, NS.metadata, "KeyDescriptor")) {
    const use = attr(kd, "use");
    if (use && use !== "signing") continue;
    for (const el of descendants(kd, NS.dsig, "X509Certificate")) {
      const base64 = textOf(el).replace(/\s+/g, "");
      out.push(describeCertificate(base64));
    }
  }
  return out;
}

export function describeCertificate(base64: string): IdpCertificate {
  try {
    const cert = new X509Certificate(Buffer.from(base64, "base64"));
    return {
      base64,
      subject: cert.subject.replace(/\n/g, ", "),
      fingerprintSha256: cert.fingerprint256,
      validTo: new Date(cert.validTo),
      expired: new Date(cert.validTo).getTime() < Date.now(),
    };
  } catch {
    throw invalid("The metadata's X509Certificate is not a readable certificate.");
  }
}
