import { is4xx, type HostileCase } from "../case";

const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const OPS: unknown[] = ["add", "Replace", "REMOVE", "frobnicate", "", null, 5, ["add"], { op: "add" }];
const USER_PATHS: unknown[] = [
  undefined,
  "active",
  "userName",
  "name.givenName",
  "name.nosuch",
  "emails",
  'emails[type eq "work"].value',
  'emails[type eq "work"',
  "emails[nosuch eq 1].value",
  "emails[].value",
  `${ENT}:manager`,
  `${ENT}:employeeNumber`,
  "urn:nosuch:schema:attr",
  "id",
  "meta.created",
  "schemas",
  "]]]",
  "a.b.c.d",
  "",
  5,
  null,
  "x".repeat(5000),
];
const VALUES: unknown[] = [undefined, null, true, "False", "", 0, [], {}, [{ value: "x" }], { active: "maybe" }, { userName: 7 }, { "name.givenName": "Dotted" }, "x".repeat(2000)];
const GROUP_PATHS: unknown[] = [undefined, "members", 'members[value eq "00000000-0000-4000-8000-000000000000"]', "members[value eq ]", "displayName", "members.value", "id", "nosuch"];

/** PATCH operations of every shape: ops, paths and values crossed, plus broken envelopes. */
export function patchCases(): HostileCase[] {
  const out: HostileCase[] = [];
  let n = 0;
  for (const op of OPS) {
    for (const path of USER_PATHS) {
      out.push({
        category: "PATCH users",
        name: `op ${JSON.stringify(op)} path ${JSON.stringify(path)?.slice(0, 40)} #${n++}`,
        build: (ctx) => {
          const value = ctx.rng.pick(VALUES);
          const operation: Record<string, unknown> = { op };
          if (path !== undefined) operation.path = path;
          if (value !== undefined) operation.value = value;
          return { method: "PATCH", path: `/Users/${ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? ctx.foreignUserId}`, body: { schemas: [PATCH], Operations: [operation] } };
        },
        expect: (s) => s === 200 || s === 204 || s === 404 || is4xx(s),
      });
    }
    for (const path of GROUP_PATHS) {
      out.push({
        category: "PATCH groups",
        name: `op ${JSON.stringify(op)} path ${JSON.stringify(path)} #${n++}`,
        build: (ctx) => {
          const operation: Record<string, unknown> = { op };
          if (path !== undefined) operation.path = path;
          const uid = ctx.model.anyUserId((x) => ctx.rng.pick(x));
          operation.value = ctx.rng.pick([[{ value: uid }], [{ value: ctx.foreignUserId }], { displayName: `G ${ctx.rng.word(5)}` }, "x", null, [{ value: "not-a-uuid" }]]);
          return { method: "PATCH", path: `/Groups/${ctx.model.anyGroupId((x) => ctx.rng.pick(x)) ?? ctx.foreignGroupId}`, body: { schemas: [PATCH], Operations: [operation] } };
        },
        expect: (s) => s === 200 || s === 204 || is4xx(s),
      });
    }
  }
  const envelopes: [string, unknown][] = [
    ["no Operations", { schemas: [PATCH] }],
    ["Operations not an array", { schemas: [PATCH], Operations: { op: "add" } }],
    ["empty Operations", { schemas: [PATCH], Operations: [] }],
    ["wrong schema", { schemas: ["urn:nope"], Operations: [{ op: "replace", path: "active", value: false }] }],
    ["no schemas", { Operations: [{ op: "replace", path: "active", value: true }] }],
    ["operation is a string", { schemas: [PATCH], Operations: ["replace"] }],
    ["operation is null", { schemas: [PATCH], Operations: [null] }],
    ["lowercase operations key", { schemas: [PATCH], operations: [{ op: "replace", path: "active", value: true }] }],
  ];
  for (const [name, body] of envelopes) {
    for (const res of ["Users", "Groups"]) {
      out.push({
        category: "PATCH envelopes",
        name: `${res}: ${name}`,
        build: (ctx) => ({ method: "PATCH", path: `/${res}/${(res === "Users" ? ctx.model.anyUserId((x) => ctx.rng.pick(x)) : ctx.model.anyGroupId((x) => ctx.rng.pick(x))) ?? ctx.foreignUserId}`, body }),
        expect: (s) => s === 200 || s === 204 || is4xx(s),
      });
    }
  }
  return out;
}
