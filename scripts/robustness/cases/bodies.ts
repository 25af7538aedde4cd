import { is, is4xx, type HostileCase } from "../case";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** Bodies that are not JSON at all, or not the JSON they claim to be. */
const MALFORMED: [string, string | Uint8Array][] = [
  ["empty", ""],
  ["whitespace", "   \n\t "],
  ["truncated object", '{"userName": "a@example.com"'],
  ["trailing comma", '{"userName": "a@example.com",}'],
  ["single quotes", "{'userName': 'a@example.com'}"],
  ["unquoted keys", "{userName: 1}"],
  ["NaN", '{"userName": NaN}'],
  ["comment", '{"userName": "x" /* hi */}'],
  ["just a string", '"hello"'],
  ["just a number", "42"],
  ["null", "null"],
  ["true", "true"],
  ["array", "[]"],
  ["array of objects", '[{"userName":"a@example.com"}]'],
  ["two objects", '{"a":1}{"b":2}'],
  ["BOM", "\ufeff{}"],
  ["control characters", '{"userName": "a\u0001b"}'],
  ["lone surrogate escape", '{"userName": "\\ud800"}'],
  ["bad escape", '{"userName": "\\x41"}'],
  ["huge number", `{"userName": 1${"0".repeat(400)}}`],
  ["invalid utf-8", new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ["binary noise", new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256))],
  ["xml", '<?xml version="1.0"?><User><userName>x</userName></User>'],
  ["form encoded", "userName=a%40example.com&active=true"],
  ["nul byte", '{"userName": "a\u0000@example.com"}'],
  ["unterminated string", '{"userName": "abc'],
  ["deep unclosed", "[".repeat(5000)],
];

const endpoints = [
  { method: "POST", path: () => "/Users" },
  { method: "POST", path: () => "/Groups" },
  { method: "PUT", path: (id?: string) => `/Users/${id ?? "00000000-0000-4000-8000-000000000000"}` },
  { method: "PATCH", path: (id?: string) => `/Users/${id ?? "00000000-0000-4000-8000-000000000000"}` },
  { method: "PATCH", path: (_?: string, gid?: string) => `/Groups/${gid ?? "00000000-0000-4000-8000-000000000000"}` },
] as const;

export function malformedBodies(): HostileCase[] {
  return endpoints.flatMap((ep) =>
    MALFORMED.map(([name, body]) => ({
      category: "malformed JSON",
      name: `${ep.method} ${ep.path().split("/")[1]}: ${name}`,
      build: (ctx) => ({ method: ep.method, path: ep.path(ctx.model.anyUserId((x) => ctx.rng.pick(x)), ctx.model.anyGroupId((x) => ctx.rng.pick(x))), body }),
      expect: is4xx,
    })),
  );
}

/** Nesting deep enough to blow a recursive parser or walker. */
export function deepNesting(): HostileCase[] {
  const out: HostileCase[] = [];
  for (const depth of [64, 512, 4096, 20_000, 100_000]) {
    const arr = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const obj = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    for (const [where, make] of [
      ["userName", (v: string) => `{"schemas":["${USER}"],"userName":${v}}`],
      ["name", (v: string) => `{"schemas":["${USER}"],"userName":"deep@example.com","name":${v}}`],
      ["unknown attribute", (v: string) => `{"schemas":["${USER}"],"userName":"deep${depth}@example.com","x":${v}}`],
      ["PATCH value", (v: string) => `{"schemas":["${PATCH}"],"Operations":[{"op":"replace","value":${v}}]}`],
    ] as const) {
      for (const [kind, v] of [
        ["array", arr],
        ["object", obj],
      ] as const) {
        const body = make(v);
        out.push({
          category: "deep nesting",
          name: `${where} nested ${depth} deep (${kind})`,
          build: (ctx) =>
            where === "PATCH value"
              ? { method: "PATCH", path: `/Users/${ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? "00000000-0000-4000-8000-000000000000"}`, body }
              : { method: "POST", path: "/Users", body },
          // Unknown attributes (and unknown sub-attributes of name, or keys of a path-less PATCH value) are
          // ignored — an IdP quirk — so an object nested under one may legitimately succeed.
          expect: where === "unknown attribute" || (kind === "object" && where !== "userName") ? (s) => s < 300 || is4xx(s) : is4xx,
        });
      }
    }
  }
  return out;
}

/** Strings and bodies far beyond anything an IdP sends. */
export function hugeInputs(): HostileCase[] {
  const out: HostileCase[] = [];
  for (const size of [1_000, 10_000, 200_000, 900_000]) {
    const s = "x".repeat(size);
    for (const attr of ["userName", "displayName", "externalId", "name.givenName", "title"]) {
      out.push({
        category: "huge strings",
        name: `${attr} of ${size} characters`,
        build: () => {
          const user: Record<string, unknown> = { schemas: [USER], userName: `huge-${size}-${attr}@example.com` };
          if (attr === "name.givenName") user.name = { givenName: s };
          else if (attr === "userName") user.userName = `${s}@example.com`;
          else user[attr] = s;
          return { method: "POST", path: "/Users", body: user };
        },
        expect: (st) => st === 201 || st === 409 || is4xx(st),
      });
    }
    out.push({
      category: "huge strings",
      name: `group displayName of ${size} characters`,
      build: () => ({ method: "POST", path: "/Groups", body: { schemas: [GROUP], displayName: s } }),
      expect: (st) => st === 201 || st === 409 || is4xx(st),
    });
  }
  for (const mb of [1.01, 2, 8]) {
    const body = JSON.stringify({ schemas: [USER], userName: "big@example.com", junk: "y".repeat(Math.floor(mb * 1024 * 1024)) });
    out.push({ category: "huge bodies", name: `${mb} MiB body`, build: () => ({ method: "POST", path: "/Users", body }), expect: is(413) });
    out.push({
      category: "huge bodies",
      name: `${mb} MiB PATCH`,
      build: (ctx) => ({ method: "PATCH", path: `/Groups/${ctx.model.anyGroupId((x) => ctx.rng.pick(x)) ?? ctx.foreignGroupId}`, body }),
      expect: is(413),
    });
  }
  out.push({
    category: "huge bodies",
    name: "10,000 emails",
    build: (ctx) => ({
      method: "POST",
      path: "/Users",
      body: { schemas: [USER], userName: `many-${ctx.rng.word()}@example.com`, emails: Array.from({ length: 10_000 }, (_, i) => ({ value: `e${i}@example.com`, type: "work" })) },
    }),
    expect: (s) => s === 201 || is4xx(s),
  });
  out.push({
    category: "huge bodies",
    name: "group with 20,000 unknown member ids",
    build: () => ({
      method: "POST",
      path: "/Groups",
      body: { schemas: [GROUP], displayName: "Huge", members: Array.from({ length: 20_000 }, (_, i) => ({ value: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` })) },
    }),
    expect: is(400),
  });
  out.push({
    category: "huge bodies",
    name: "PATCH with 5,000 operations",
    build: (ctx) => ({
      method: "PATCH",
      path: `/Users/${ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? ctx.foreignUserId}`,
      body: { schemas: [PATCH], Operations: Array.from({ length: 5000 }, (_, i) => ({ op: "replace", path: "displayName", value: `n${i}` })) },
    }),
    expect: (s) => s === 200 || s === 204 || is4xx(s),
  });
  return out;
}
