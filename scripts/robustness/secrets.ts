import fs from "node:fs";

/**
 * Secrets must never reach a log: scans a server's log (its stdout and
 * stderr: Next.js's own lines and Roster's JSON lines, lib/log) for the
 * exact secrets a suite handled (tokens, sign-in links, cookies) and for
 * anything shaped like a SCIM token, a bearer credential, a sign-in or
 * invitation link, a session cookie or a SAML response that the logger's
 * redaction should have taken out. It also checks that the log holds
 * Roster's own lines, each a whole JSON object, so that the scan is reading
 * what the server said (a server that answered requests wrote their lines;
 * one restarted only to deliver email wrote its job lines). Returns one
 * line per finding.
 */
const SHAPES: [RegExp, string][] = [
  // A token is "scim_" and 43 base64url characters (lib/crypto.ts newSecret); "lib_scim_routes_ts_…" (a build chunk's name in a stack trace) is not.
  [/(?<![A-Za-z0-9_-])scim_[A-Za-z0-9_-]{40,}/, "something shaped like a SCIM token"],
  [/PHNhbWxwOlJlc3BvbnNl|PHNhbWwycDpSZXNwb25zZ|<samlp?:Response|<saml2p:Response/i, "a SAML response"],
  [/\bBearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{16,}/i, "a bearer credential"],
  [/[?&](?:token|code)=(?!\[redacted\])[A-Za-z0-9._~%-]{16,}/, "a sign-in link's token or an OAuth code"],
  [/\/invitations\/(?!\[redacted\])[A-Za-z0-9_-]{16,}/, "an invitation link"],
  [/next-auth\.session-token=(?!\[redacted\])[^;\s"]{8,}/, "a session cookie"],
];

export function secretsInLog(logFile: string, secrets: string[]): string[] {
  let log: string;
  try {
    log = fs.readFileSync(logFile, "utf8");
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const s of secrets) if (s.length >= 12 && log.includes(s)) found.push(`${logFile} contains a secret (${s.slice(0, 8)}…)`);
  for (const [shape, what] of SHAPES) if (shape.test(log)) found.push(`${logFile} contains ${what}`);
  found.push(...structuredLines(logFile, log));
  return found;
}

/** Roster's lines start with "{" and are one JSON object each, with a level and a time. */
function structuredLines(logFile: string, log: string): string[] {
  // A line cut by SIGKILL (the crash suite) may end the file without its newline.
  const lines = log.split("\n").slice(0, -1);
  let roster = 0;
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      const o = JSON.parse(line) as { level?: string; time?: string };
      if (o.level && o.time) roster++;
    } catch {
      return [`${logFile} has a line that starts like a JSON log line but is not one: ${line.slice(0, 80)}`];
    }
  }
  return roster > 0 ? [] : [`${logFile} holds none of Roster's JSON lines: the scan would not see what the server logged`];
}
