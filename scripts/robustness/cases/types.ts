import { is4xx, type HostileCase } from "../case";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const BAD_VALUES: [string, unknown][] = [
  ["number", 12345],
  ["negative", -1],
  ["float", 3.14],
  ["boolean", true],
  ["null", null],
  ["empty string", ""],
  ["array", ["a", "b"]],
  ["object", { value: "x" }],
  ["nested arrays", [[["x"]]]],
  ["string 'null'", "null"],
  ["sql", "'; DROP TABLE users; --"],
  ["script", "<script>alert(1)</script>"],
  ["unicode noise", "\u202e\u0000\uffff\ud83d\ude00"],
];

/** Attributes of a User and where to put a bad value, as path → setter. */
const USER_SLOTS: [string, (u: Record<string, unknown>, v: unknown) => void][] = [
  ["userName", (u, v) => (u.userName = v)],
  ["name", (u, v) => (u.name = v)],
  ["name.givenName", (u, v) => (u.name = { givenName: v, familyName: "Doe" })],
  ["emails", (u, v) => (u.emails = v)],
  ["emails[0]", (u, v) => (u.emails = [v])],
  ["emails[0].value", (u, v) => (u.emails = [{ value: v, type: "work", primary: true }])],
  ["emails[0].primary", (u, v) => (u.emails = [{ value: "p@example.com", primary: v }])],
  ["active", (u, v) => (u.active = v)],
  ["externalId", (u, v) => (u.externalId = v)],
  ["displayName", (u, v) => (u.displayName = v)],
  ["schemas", (u, v) => (u.schemas = v)],
  ["phoneNumbers", (u, v) => (u.phoneNumbers = v)],
  ["enterprise manager", (u, v) => (u[ENTERPRISE] = { manager: v })],
  ["enterprise extension", (u, v) => (u[ENTERPRISE] = v)],
  ["meta", (u, v) => (u.meta = v)],
  ["id", (u, v) => (u.id = v)],
];

/**
 * Every user attribute given values of the wrong type, on create and replace.
 * Some are legitimately accepted (a string displayName of "null"; a read-only
 * `id` or `meta` is ignored): those may succeed, and the model records them.
 */
export function wrongTypes(): HostileCase[] {
  const out: HostileCase[] = [];
  for (const [slot, set] of USER_SLOTS) {
    for (const [label, value] of BAD_VALUES) {
      for (const method of ["POST", "PUT"] as const) {
        out.push({
          category: "wrong types",
          name: `${method} ${slot} = ${label}`,
          build: (ctx) => {
            const user: Record<string, unknown> = {
              schemas: [USER, ENTERPRISE],
              userName: `t-${ctx.rng.word(10)}@example.com`,
              name: { givenName: "Type", familyName: "Test" },
            };
            set(user, value);
            const id = ctx.model.anyUserId((x) => ctx.rng.pick(x));
            return method === "POST" || !id ? { method: "POST", path: "/Users", body: user } : { method: "PUT", path: `/Users/${id}`, body: user };
          },
          expect: (s) => s === 200 || s === 201 || s === 409 || is4xx(s),
        });
      }
    }
  }
  return out;
}

/** Unknown attributes (ignored, never fatal) and the same key twice in one JSON object. */
export function unknownAndDuplicated(): HostileCase[] {
  const out: HostileCase[] = [];
  for (let i = 0; i < 30; i++) {
    out.push({
      category: "unknown attributes",
      name: `create with unknown attributes #${i}`,
      build: (ctx) => {
        const user: Record<string, unknown> = { schemas: [USER], userName: `u-${ctx.rng.word(10)}@example.com`, active: true };
        for (let k = 0; k < 1 + ctx.rng.int(6); k++) {
          user[ctx.rng.pick(["password", "locale", "groups", "roles", "x509Certificates", "urn:custom:thing", `zz${ctx.rng.word(4)}`, "entitlements"])] =
            ctx.rng.pick([[], "x", { a: 1 }, null, 7]);
        }
        return { method: "POST", path: "/Users", body: user };
      },
      expect: (s) => s === 201 || s === 409 || is4xx(s),
    });
  }
  for (const [name, text] of [
    ["userName twice", (w: string) => `{"schemas":["${USER}"],"userName":"a-${w}@example.com","userName":"b-${w}@example.com"}`],
    ["active twice", (w: string) => `{"schemas":["${USER}"],"userName":"c-${w}@example.com","active":true,"active":"False"}`],
    ["schemas twice", (w: string) => `{"schemas":[],"schemas":["${USER}"],"userName":"d-${w}@example.com"}`],
    ["name twice", (w: string) => `{"schemas":["${USER}"],"userName":"e-${w}@example.com","name":{"givenName":"A"},"name":"B"}`],
    ["case variants", (w: string) => `{"schemas":["${USER}"],"userName":"f-${w}@example.com","USERNAME":"g-${w}@example.com"}`],
  ] as const) {
    for (let i = 0; i < 6; i++) {
      out.push({
        category: "duplicated attributes",
        name: `${name} #${i}`,
        build: (ctx) => ({ method: "POST", path: "/Users", body: text(ctx.rng.word(10)) }),
        expect: (s) => s === 201 || s === 409 || is4xx(s),
      });
    }
  }
  return out;
}
