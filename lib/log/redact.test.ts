import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { prettyLine } from "./pretty";
import { loggablePath, loggableQuery, redactFilter, scrubSecrets, serializeError } from "./redact";
import { isSaneRequestId, requestIdOf } from "./request-id";
import { logRequest } from "./request-line";

const SCIM_TOKEN = "scim_Q2hhbmdlTWVQbGVhc2UtdGhpcy1pcy1ub3QtYS1yZWFsLXRva2Vu";
const SAML_XML = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"><saml:Assertion>secret</saml:Assertion></samlp:Response>';
const SAML_B64 = Buffer.from(SAML_XML).toString("base64");
const OKTA_B64 = Buffer.from('<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol">…</saml2p:Response>').toString("base64");

describe("scrubSecrets", () => {
  it.each([
    ["an Authorization header", `authorization: Bearer ${SCIM_TOKEN}`, SCIM_TOKEN],
    ["a metrics token after Bearer", "Bearer 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"],
    ["Basic credentials", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="],
    ["a bare SCIM token", `token ${SCIM_TOKEN} was revoked`, SCIM_TOKEN],
    ["a SAML response as XML", `could not parse ${SAML_XML}`, "<saml:Assertion>secret"],
    ["a SAML response in base64", `SAMLResponse=${SAML_B64}`, SAML_B64.slice(0, 40)],
    ["Okta's saml2p response in base64", `got ${OKTA_B64}`, OKTA_B64.slice(0, 30)],
    ["a sign-in link", "GET /api/auth/callback/email?callbackUrl=%2F&token=9f8e7d6c5b4a39281706f5e4d3c2b1a0&email=ada%40corp.example", "9f8e7d6c5b4a"],
    ["the address in a sign-in link", "/api/auth/callback/email?token=x&email=ada%40corp.example", "ada%40corp.example"],
    ["an invitation link", "https://roster.example.com/invitations/inv_abcdefghijklmnopqrstuvwxyz012345", "inv_abcdefghijklmnop"],
    ["an OAuth code and state", "/login/idp?code=c0ffee1234567890&state=s7a7e", "c0ffee1234567890"],
    ["a password in a database URL", "connect postgres://roster:hunter2-secret@db.internal:5432/roster failed", "hunter2-secret"],
    ["SMTP credentials", "smtp://mailer:p%40ss@smtp.example.com:587", "p%40ss"],
    ["a session cookie", "cookie: next-auth.session-token=abcdef0123456789; other=1", "abcdef0123456789"],
    ["a secure session cookie", "__Secure-next-auth.session-token=abcdef0123456789", "abcdef0123456789"],
    ["an address in an SMTP refusal", "550 5.1.1 <ada.lovelace+x@corp.example>: Recipient address rejected", "ada.lovelace"],
  ])("takes out %s", (_, text, secret) => {
    const out = scrubSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/redacted|\[email\]/i);
  });

  it("leaves ordinary text alone", () => {
    const text = "Failed query: insert into provisioning_log (org_id) values ($1) at lib_scim_routes_ts_123.js:4:2";
    expect(scrubSecrets(text)).toBe(text);
  });
});

describe("paths and queries", () => {
  it("keeps the path, takes out an invitation's token", () => {
    expect(loggablePath("/api/scim/v2/Users/0b7c3f52-1f1e-4a4e-9d0a-3b1f6f8a9c11")).toBe("/api/scim/v2/Users/0b7c3f52-1f1e-4a4e-9d0a-3b1f6f8a9c11");
    expect(loggablePath("/invitations/tok_123456789")).toBe("/invitations/[redacted]");
  });

  it("shows harmless parameters, a filter without its values, and nothing else", () => {
    const q = new URLSearchParams({
      filter: 'userName eq "ada@corp.example" and active eq true',
      startIndex: "1",
      count: "100",
      token: "abc",
      email: "ada@corp.example",
      q: "smith",
    });
    const out = loggableQuery(q)!;
    expect(out).toContain('filter=userName eq "…" and active eq true');
    expect(out).toContain("startIndex=1&count=100");
    expect(out).toContain("token=[redacted]");
    expect(out).toContain("email=[redacted]");
    expect(out).toContain("q=[redacted]");
    expect(out).not.toMatch(/ada@|abc|smith/);
    expect(loggableQuery(new URLSearchParams())).toBeUndefined();
  });

  it("takes escaped quotes and an unterminated value out of a filter", () => {
    expect(redactFilter('displayName eq "a \\"quoted\\" name"')).toBe('displayName eq "…"');
    expect(redactFilter('userName sw "ada')).toBe('userName sw "…"');
  });
});

describe("serializeError", () => {
  it("keeps type, first line, code and frames; never the query's parameters", () => {
    const e = new Error(`Failed query: insert into scim_tokens (token_hash) values ($1)\nparams: ${SCIM_TOKEN},ada@corp.example`);
    e.name = "DrizzleQueryError";
    Object.assign(e, { parameters: [SCIM_TOKEN], query: "insert …", code: "23505" });
    e.cause = Object.assign(new Error("duplicate key value violates unique constraint"), { detail: "Key (email)=(ada@corp.example)" });
    const out = serializeError(e);
    const text = JSON.stringify(out);
    expect(out).toMatchObject({ type: "DrizzleQueryError", message: "Failed query: insert into scim_tokens (token_hash) values ($1)", code: "23505" });
    expect(out.stack).toMatch(/^\s+at /);
    expect(out.cause?.message).toBe("duplicate key value violates unique constraint");
    expect(text).not.toContain(SCIM_TOKEN);
    expect(text).not.toContain("ada@corp.example");
    expect(text).not.toContain("parameters");
  });

  it("scrubs secrets out of a message's first line, and copes with things that are not errors", () => {
    expect(serializeError(new Error(`bad token ${SCIM_TOKEN}`)).message).not.toContain(SCIM_TOKEN);
    expect(serializeError("plain")).toEqual({ type: "string", message: "plain" });
  });
});

describe("request ids", () => {
  const req = (id?: string) => new Request("http://roster.test/api/scim/v2/Users", { headers: id === undefined ? {} : { "X-Request-Id": id } });

  it.each(["abc", "lb-7f3e.2026_12_07", "A".repeat(64), "0b7c3f52-1f1e-4a4e-9d0a-3b1f6f8a9c11"])("keeps a sane incoming id %s", (id) => {
    expect(isSaneRequestId(id)).toBe(true);
    expect(requestIdOf(req(id))).toBe(id);
  });

  it.each(["", "A".repeat(65), "has space", "semi;colon", "tab\there", "quo\"te", "ünïcode", "<script>", "a/b"])("replaces %j with a new one", (id) => {
    expect(isSaneRequestId(id)).toBe(false);
    const made = requestIdOf(req(id));
    expect(made).not.toBe(id);
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("makes a new id when none was sent, a different one each time", () => {
    expect(requestIdOf(req())).not.toBe(requestIdOf(req()));
  });
});

describe("the request line", () => {
  const state = globalThis as unknown as { __rosterLog?: unknown };
  afterEach(() => {
    state.__rosterLog = undefined;
  });

  function capture(): string[] {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    state.__rosterLog = createLogger(sink, "info");
    return lines;
  }

  it("says what happened without a secret from the URL, the headers or the body", () => {
    const lines = capture();
    const url = new URL(`http://roster.test/api/auth/callback/email?token=${SCIM_TOKEN}&email=ada%40corp.example&callbackUrl=%2Fadmin`);
    logRequest({
      area: "auth",
      reqId: "req-1",
      method: "GET",
      url,
      status: 302,
      started: performance.now() - 12,
      fields: { userId: "u-1" },
    });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "info", msg: "request", area: "auth", reqId: "req-1", method: "GET", path: "/api/auth/callback/email", status: 302, userId: "u-1" });
    expect(line.durationMs).toBeGreaterThanOrEqual(11);
    expect(lines[0]).not.toContain(SCIM_TOKEN);
    expect(lines[0]).not.toContain("ada");
  });

  it("writes a 5xx at error level with its cause, minus the cause's parameters", () => {
    const lines = capture();
    const err = Object.assign(new Error(`Failed query: select 1\nparams: ${SCIM_TOKEN}`), { parameters: [SCIM_TOKEN] });
    logRequest({ area: "scim", reqId: "req-2", method: "POST", url: new URL("http://roster.test/api/scim/v2/Users"), status: 500, started: performance.now(), err });
    const line = JSON.parse(lines[0]!) as { level: string; err: { message: string } };
    expect(line.level).toBe("error");
    expect(line.err.message).toBe("Failed query: select 1");
    expect(lines[0]).not.toContain(SCIM_TOKEN);
  });
});

describe("prettyLine (LOG_FORMAT=pretty)", () => {
  it("puts a request on one readable line", () => {
    const json = JSON.stringify({ level: "info", time: "2026-12-07T11:02:03.120Z", msg: "request", area: "scim", reqId: "r1", method: "POST", path: "/api/scim/v2/Users", status: 201, durationMs: 12 });
    expect(prettyLine(json)).toBe("11:02:03.120 INFO  POST /api/scim/v2/Users 201 12ms  area=scim reqId=r1\n");
  });

  it("shows a job by its name, other lines by their message, an error's stack below", () => {
    const job = JSON.stringify({ level: "info", time: "2026-12-07T11:02:03.120Z", msg: "job", job: "email.deliver", sent: 3, durationMs: 40 });
    expect(prettyLine(job)).toBe("11:02:03.120 INFO  email.deliver 40ms  sent=3\n");
    const failed = JSON.stringify({ level: "error", time: "2026-12-07T11:02:03.120Z", msg: "job failed; will retry", job: "statistics", err: { type: "Error", message: "boom", stack: "    at x (y.js:1:1)" } });
    expect(prettyLine(failed)).toBe("11:02:03.120 ERROR statistics job failed; will retry\n  Error: boom\n    at x (y.js:1:1)\n");
    const other = JSON.stringify({ level: "warn", time: "2026-12-07T11:02:03.120Z", msg: "SAML response refused", reason: "expired" });
    expect(prettyLine(other, true)).toBe("\u001b[90m11:02:03.120\u001b[0m \u001b[33mWARN \u001b[0m SAML response refused  \u001b[90mreason=expired\u001b[0m\n");
  });
});
