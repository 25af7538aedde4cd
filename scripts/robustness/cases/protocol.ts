import { is, is4xx, okOr4xx, type HostileCase, type TokenChoice } from "../case";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const validUser = (w: string) => ({ schemas: [USER], userName: `p-${w}@example.com`, name: { givenName: "P", familyName: "Q" } });

const BAD_IDS = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%2E%2E%2FUsers", "..%2F..%2Fetc%2Fpasswd", "%00", "x".repeat(3000), "1 OR 1=1", "ffffffff-ffff-ffff-ffff-ffffffffffff", "%E2%80%AE", "12345678-1234-1234-1234-1234567890abX"];

/** Ids that do not exist here: malformed, foreign (organisation B's), traversal attempts. */
export function badIds(): HostileCase[] {
  const out: HostileCase[] = [];
  for (const res of ["Users", "Groups"] as const) {
    for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
      for (const id of [...BAD_IDS, "FOREIGN"]) {
        out.push({
          category: id === "FOREIGN" ? "cross-tenant ids" : "bad ids",
          name: `${method} ${res}/${id.slice(0, 40)}`,
          build: (ctx) => ({
            method,
            path: `/${res}/${id === "FOREIGN" ? (res === "Users" ? ctx.foreignUserId : ctx.foreignGroupId) : id}`,
            body:
              method === "PUT"
                ? res === "Users"
                  ? validUser(ctx.rng.word())
                  : { displayName: "X" }
                : method === "PATCH"
                  ? { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: res === "Users" ? "active" : "displayName", value: res === "Users" ? false : "Y" }] }
                  : undefined,
          }),
          // A foreign or unknown id is 404 whatever the method; never a success.
          expect: is4xx,
        });
      }
    }
  }
  return out;
}

const TOKENS: [string, TokenChoice][] = [
  ["no Authorization", "none"],
  ["empty bearer", { header: "Bearer " }],
  ["Basic scheme", { header: "Basic dXNlcjpwYXNz" }],
  ["wrong token", { header: "Bearer scim_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
  ["not our prefix", { header: "Bearer eyJhbGciOiJub25lIn0.e30." }],
  ["very long token", { header: `Bearer scim_${"A".repeat(8000)}` }],
  ["token with spaces", { header: "Bearer scim_a b c" }],
  ["lowercase scheme", { header: "bearer scim_wrong" }],
  ["two tokens", { header: "Bearer scim_x, Bearer scim_y" }],
  ["unicode", { header: "Bearer scim_\u00e9\u00e9" }],
];

/** Missing, malformed and wrong credentials on every endpoint: 401 with WWW-Authenticate, nothing written. */
export function badTokens(): HostileCase[] {
  const out: HostileCase[] = [];
  const endpoints: [string, string, unknown?][] = [
    ["GET", "/Users"],
    ["POST", "/Users", validUser("tok")],
    ["GET", "/Groups"],
    ["POST", "/Groups", { displayName: "Tok" }],
    ["GET", "/ServiceProviderConfig"],
    ["GET", "/Schemas"],
    ["DELETE", "/Users/ID"],
    ["PATCH", "/Users/ID", { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] }],
  ];
  for (const [label, token] of TOKENS) {
    for (const [method, path, body] of endpoints) {
      out.push({
        category: "bad tokens",
        name: `${label}: ${method} ${path}`,
        build: (ctx) => ({ method, path: path.replace("ID", ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? ctx.foreignUserId), token, body }),
        expect: (s) => s === 401 || (label === "very long token" && (s === 431 || s === 400)),
      });
    }
  }
  return out;
}

/** Content types a SCIM server must refuse (415) or accept (JSON flavours). */
export function contentTypes(): HostileCase[] {
  const out: HostileCase[] = [];
  const types: [string | null, boolean][] = [
    ["application/scim+json", true],
    ["application/scim+json; charset=utf-8", true],
    ["application/json", true],
    ["APPLICATION/JSON", true],
    [null, true],
    ["text/plain", false],
    ["text/html", false],
    ["application/xml", false],
    ["multipart/form-data; boundary=x", false],
    ["application/x-www-form-urlencoded", false],
    ["application/octet-stream", false],
    ["", true],
    ["garbage;;;", false],
  ];
  for (const [type, fine] of types) {
    out.push({
      category: "content types",
      name: `POST Users as ${type}`,
      build: (ctx) => ({ method: "POST", path: "/Users", body: JSON.stringify(validUser(ctx.rng.word(10))), contentType: type }),
      // 403 once the seats are used up by earlier cases.
      expect: fine ? is(201, 403) : is4xx,
    });
    out.push({
      category: "content types",
      name: `PATCH Users as ${type}`,
      build: (ctx) => ({
        method: "PATCH",
        path: `/Users/${ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? ctx.foreignUserId}`,
        body: JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "displayName", value: "CT" }] }),
        contentType: type,
      }),
      expect: fine ? is(200, 204) : is4xx,
    });
  }
  return out;
}

/** Headers out of the ordinary: conditional requests with garbage, oversize values, odd Accept. */
export function headerAbuse(): HostileCase[] {
  const out: HostileCase[] = [];
  const headers: [string, Record<string, string>, (s: number) => boolean][] = [
    ["If-Match garbage", { "if-match": "garbage" }, (s) => s === 412 || s === 400 || s < 300],
    ["If-Match stale", { "if-match": 'W/"0"' }, is(412, 404)],
    ["If-Match star", { "if-match": "*" }, okOr4xx],
    ["If-None-Match star", { "if-none-match": "*" }, okOr4xx],
    ["8 KB header", { "x-junk": "j".repeat(8000) }, okOr4xx],
    ["20 KB header", { "x-junk": "j".repeat(20_000) }, okOr4xx],
    ["Accept xml", { accept: "application/xml" }, okOr4xx],
    ["Accept garbage", { accept: ";;;" }, okOr4xx],
    ["X-Forwarded-Host spoof", { "x-forwarded-host": "evil.example" }, okOr4xx],
    ["Host-like path", { "x-original-url": "/admin" }, okOr4xx],
    ["Content-Encoding gzip lie", { "content-encoding": "gzip" }, okOr4xx],
    ["Transfer-Encoding in header", { "x-transfer-encoding": "chunked" }, okOr4xx],
  ];
  for (const [name, h, expect] of headers) {
    out.push({
      category: "header abuse",
      name: `PATCH user with ${name}`,
      build: (ctx) => ({
        method: "PATCH",
        path: `/Users/${ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? ctx.foreignUserId}`,
        headers: h,
        body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "displayName", value: "H" }] },
      }),
      expect,
    });
    out.push({ category: "header abuse", name: `GET Users with ${name}`, build: () => ({ method: "GET", path: "/Users?count=2", headers: h }), expect: okOr4xx });
  }
  return out;
}

/** Methods and paths that are not endpoints. */
export function methodsAndPaths(): HostileCase[] {
  const out: HostileCase[] = [];
  const pairs: [string, string][] = [
    ["DELETE", "/Users"],
    ["PUT", "/Users"],
    ["PATCH", "/Groups"],
    ["POST", "/Users/00000000-0000-4000-8000-000000000000"],
    ["POST", "/ServiceProviderConfig"],
    ["DELETE", "/Schemas"],
    ["PUT", "/ResourceTypes/User"],
    ["GET", "/Nope"],
    ["GET", "/Users/a/b/c"],
    ["GET", "/Schemas/urn:nope"],
    ["GET", "/ResourceTypes/Nope"],
    ["GET", "/Me"],
    ["GET", "/.search"],
    ["POST", "/Users/.search"],
    ["GET", `/${"x".repeat(4000)}`],
  ];
  for (const [method, path] of pairs) {
    out.push({
      category: "methods and paths",
      name: `${method} ${path.slice(0, 50)}`,
      build: () => ({ method, path, body: method === "GET" || method === "DELETE" ? undefined : { schemas: [USER], userName: "m@example.com" } }),
      expect: is4xx,
    });
  }
  return out;
}

/** Percent-encodings that are not UTF-8: truncated, not hex, surrogates, overlong, past U+10FFFF, lone continuation bytes. */
const MALFORMED = ["%", "%Z", "%ZZ", "%E", "%ED%A0%80", "%C0%AF", "%FF", "%80", "%F4%90%80%80", "a%E2%82"];

/**
 * Malformed percent-encoding in every path segment and every query parameter, on every method: a SCIM
 * 400 or 404 (Next.js alone would answer a plain-text 500 for the paths), never a 5xx, nothing written.
 */
export function malformedEncodings(): HostileCase[] {
  const out: HostileCase[] = [];
  const paths = ["/Users/X", "/Groups/X", "/X", "/X/.search", "/Users/X/more", "/Bulk/X"];
  for (const template of paths) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      for (const bad of MALFORMED) {
        out.push({
          category: "malformed encoding",
          name: `${method} ${template.replace("X", bad)}`,
          build: () => ({ method, path: template.replace("X", bad), body: method === "GET" || method === "DELETE" ? undefined : { schemas: [USER] } }),
          expect: is(400, 404),
        });
      }
    }
  }
  const params = ["filter", "startIndex", "count", "attributes", "excludedAttributes", "sortBy", "sortOrder"];
  for (const resource of ["Users", "Groups"]) {
    for (const param of params) {
      for (const bad of MALFORMED) {
        out.push({
          category: "malformed encoding",
          name: `GET /${resource}?${param}=${bad}`,
          build: () => ({ method: "GET", path: `/${resource}?${param}=${bad}` }),
          // Query parameters decode leniently (U+FFFD): the value is then valid or a precise 400.
          expect: okOr4xx,
        });
      }
    }
    for (const bad of MALFORMED) {
      out.push({
        category: "malformed encoding",
        name: `GET /${resource}?${bad}=1`,
        build: () => ({ method: "GET", path: `/${resource}?${bad}=1&filter=${bad}` }),
        expect: okOr4xx,
      });
    }
  }
  return out;
}
