import forge from "node-forge";
import type { Executor } from "@/lib/db";
import { readState, writeStateIfAbsent } from "./state";

export interface SigningKey {
  privateKey: string;
  /** PEM. */
  certificate: string;
}

const KEY = "signing-key";

/**
 * A self-signed RSA-2048 / SHA-256 certificate like the ones Okta or Entra
 * issue per SAML app. node-forge because Node's crypto can make keys but not
 * X.509 certificates (Jackson generates its own the same way).
 */
export function generateSigningKey(commonName = "Roster demo IdP"): SigningKey {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const attrs = [{ name: "commonName", value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([{ name: "basicConstraints", cA: false }, { name: "keyUsage", digitalSignature: true }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { privateKey: forge.pki.privateKeyToPem(keys.privateKey), certificate: forge.pki.certificateToPem(cert) };
}

/** The demo IdP's key: generated on first use, then kept in the database so every instance and restart signs alike. */
export async function demoSigningKey(db: Executor): Promise<SigningKey> {
  const existing = await readState<SigningKey>(db, KEY);
  if (existing) return existing;
  // Two instances starting together may both generate; the first write wins and both read it back.
  await writeStateIfAbsent(db, KEY, generateSigningKey());
  return (await readState<SigningKey>(db, KEY))!;
}
