import fs from "node:fs";

/**
 * Secrets must never reach a log: scans a server's log for the exact secrets
 * a suite handled (tokens, sign-in links, cookies) and for anything shaped
 * like a SCIM token or a SAML response. Returns one line per finding.
 */
export function secretsInLog(logFile: string, secrets: string[]): string[] {
  let log: string;
  try {
    log = fs.readFileSync(logFile, "utf8");
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const s of secrets) if (s.length >= 12 && log.includes(s)) found.push(`${logFile} contains a secret (${s.slice(0, 8)}…)`);
  // A token is "scim_" and 43 base64url characters (lib/crypto.ts newSecret); "lib_scim_routes_ts_…" (a build chunk's name in a stack trace) is not.
  if (/(?<![A-Za-z0-9_-])scim_[A-Za-z0-9_-]{40,}/.test(log)) found.push(`${logFile} contains something shaped like a SCIM token`);
  if (/PHNhbWxwOlJlc3BvbnNl|<samlp?:Response/i.test(log)) found.push(`${logFile} contains a SAML response`);
  return found;
}
