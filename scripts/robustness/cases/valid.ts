import { is, is4xx, type HostileCase } from "../case";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/**
 * Legitimate traffic mixed into the hostile stream, so that the final
 * comparison of database and model has real writes to check: creates (and
 * duplicate creates), renames, deactivations, reactivations, deletes, groups.
 */
export function validTraffic(): HostileCase[] {
  const out: HostileCase[] = [];
  for (let i = 0; i < 120; i++) {
    out.push({
      category: "valid traffic",
      name: `create user #${i}`,
      build: (ctx) => ({
        method: "POST",
        path: "/Users",
        body: { schemas: [USER], userName: `v-${ctx.rng.word(10)}@example.com`, name: { givenName: "Val", familyName: `Id${i}` }, active: true, externalId: ctx.rng.word(12) },
      }),
      // 403 once the organisation's seats run out; that too must leave nothing behind.
      expect: is(201, 403),
    });
  }
  for (let i = 0; i < 20; i++) {
    out.push({
      category: "valid traffic",
      name: `duplicate create #${i}`,
      build: (ctx) => {
        const id = ctx.model.anyUserId((x) => ctx.rng.pick(x));
        const existing = id ? ctx.model.users.get(id)!.userName : "nobody@example.com";
        return { method: "POST", path: "/Users", body: { schemas: [USER], userName: ctx.rng.chance(0.5) ? existing.toUpperCase() : existing } };
      },
      // 400 when an earlier hostile case left that user with a userName that is no address (and no email is sent here).
      expect: (s) => s === 409 || s === 403 || s === 201 || s === 400,
    });
  }
  for (let i = 0; i < 80; i++) {
    out.push({
      category: "valid traffic",
      name: `toggle active #${i}`,
      build: (ctx) => ({
        method: "PATCH",
        path: `/Users/${ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? ctx.foreignUserId}`,
        body: { schemas: [PATCH], Operations: [{ op: ctx.rng.pick(["replace", "Replace"]), ...(ctx.rng.chance(0.5) ? { path: "active", value: ctx.rng.pick([true, false, "True", "False"]) } : { value: { active: ctx.rng.pick([true, false]) } }) }] },
      }),
      expect: (s) => s === 200 || s === 204 || s === 403 || s === 404,
    });
  }
  for (let i = 0; i < 30; i++) {
    out.push({
      category: "valid traffic",
      name: `rename via PUT #${i}`,
      build: (ctx) => {
        const id = ctx.model.anyUserId((x) => ctx.rng.pick(x));
        return {
          method: "PUT",
          path: `/Users/${id ?? ctx.foreignUserId}`,
          body: { schemas: [USER], userName: `r-${ctx.rng.word(10)}@example.com`, name: { givenName: "Re", familyName: "Named" }, active: ctx.model.users.get(id ?? "")?.active ?? true },
        };
      },
      expect: (s) => s === 200 || s === 403 || s === 404 || s === 409,
    });
  }
  for (let i = 0; i < 25; i++) {
    out.push({
      category: "valid traffic",
      name: `delete user #${i}`,
      build: (ctx) => ({ method: "DELETE", path: `/Users/${ctx.model.anyUserId((x) => ctx.rng.pick(x)) ?? ctx.foreignUserId}` }),
      // 403 when the pick is the owner, who is protected.
      expect: is(204, 403, 404),
    });
  }
  for (let i = 0; i < 25; i++) {
    out.push({
      category: "valid traffic",
      name: `create group #${i}`,
      build: (ctx) => {
        const members = [...new Set(Array.from({ length: ctx.rng.int(4) }, () => ctx.model.anyUserId((x) => ctx.rng.pick(x))).filter(Boolean))];
        return { method: "POST", path: "/Groups", body: { schemas: [GROUP], displayName: `Dept ${ctx.rng.word(6)}`, members: members.map((value) => ({ value })) } };
      },
      expect: is(201, 409),
    });
  }
  for (let i = 0; i < 60; i++) {
    out.push({
      category: "valid traffic",
      name: `group membership #${i}`,
      build: (ctx) => {
        const uid = ctx.model.anyUserId((x) => ctx.rng.pick(x));
        const op = ctx.rng.pick(["add", "remove", "Add", "Remove"]);
        const operation = op.toLowerCase() === "add" || ctx.rng.chance(0.5) ? { op, path: "members", value: [{ value: uid }] } : { op, path: `members[value eq "${uid}"]` };
        return { method: "PATCH", path: `/Groups/${ctx.model.anyGroupId((x) => ctx.rng.pick(x)) ?? ctx.foreignGroupId}`, body: { schemas: [PATCH], Operations: [operation] } };
      },
      expect: (s) => s === 200 || s === 204 || is4xx(s),
    });
  }
  for (let i = 0; i < 8; i++) {
    out.push({
      category: "valid traffic",
      name: `delete group #${i}`,
      build: (ctx) => ({ method: "DELETE", path: `/Groups/${ctx.model.anyGroupId((x) => ctx.rng.pick(x)) ?? ctx.foreignGroupId}` }),
      expect: is(204, 404),
    });
  }
  return out;
}
