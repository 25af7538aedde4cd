import { beforeAll, describe, expect, it } from "vitest";
import { ENTERPRISE, GROUP, makeScimOrg, newUser, patchBody, USER, type ScimBody, type ScimOrg } from "./support";

/**
 * A generic RFC 7643/7644 client, the way a new integrator's conformance tool
 * behaves: it knows nothing of Roster but what /Schemas says. For every
 * attribute a client may write it runs PATCH add, replace and remove — with a
 * path, with a value filter where the attribute is multi-valued, by
 * sub-attribute, and without a path — and reads the resource back. Each
 * operation must either have changed the resource as asked or have been
 * refused with a SCIM 400 (and then changed nothing). Answering success and
 * leaving the resource as it was is the failure this suite exists for.
 */
interface AttrDef {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  mutability: string;
  canonicalValues?: string[];
  subAttributes?: AttrDef[];
}
interface SchemaDoc {
  id: string;
  attributes: AttrDef[];
}

let org: ScimOrg;
let schemas: SchemaDoc[];
/** Users that exist, for the values that must name one (a group's members): a conformance tool creates them first. */
let userIds: string[];
beforeAll(async () => {
  org = await makeScimOrg({ seats: 400 });
  const r = await org.client.get("/Schemas");
  expect(r.status).toBe(200);
  schemas = r.json.Resources as unknown as SchemaDoc[];
  userIds = await Promise.all([1, 2, 3, 4].map(async () => (await org.client.post("/Users", newUser())).json.id));
});

const schema = (id: string) => schemas.find((s) => s.id === id)!;
const writable = (a: AttrDef) => a.mutability !== "readOnly";

let n = 0;
/** A value for a definition, as a generic client makes one: strings that would pass as anything (even an email). */
function gen(a: AttrDef, bool = true, parent?: AttrDef): unknown {
  const one = (d: AttrDef, within?: AttrDef): unknown => {
    if (within?.name === "members" && d.name === "value") return userIds[++n % userIds.length];
    switch (d.type) {
      case "boolean":
        return bool;
      case "integer":
        return ++n;
      case "decimal":
        return ++n + 0.5;
      case "dateTime":
        return new Date(Date.UTC(2030, 0, 1, 0, 0, ++n % 60)).toISOString();
      case "reference":
        return `https://gen.example/ref/${++n}`;
      case "complex":
        return Object.fromEntries(
          (d.subAttributes ?? []).filter((s) => writable(s) && s.type !== "boolean").map((s) => [s.name, one(s, d)]),
        );
      default:
        return d.canonicalValues?.length ? d.canonicalValues[++n % d.canonicalValues.length] : `g${Date.now().toString(36)}${++n}@gen.example`;
    }
  };
  return a.multiValued ? [one(a, parent)] : one(a, parent);
}

/** Where an attribute sits in a resource of the given schema. */
const read = (doc: ScimBody, schemaId: string, name: string): unknown =>
  schemaId === ENTERPRISE ? (doc[ENTERPRISE] as Record<string, unknown> | undefined)?.[name] : doc[name];

/** `expected` is found in `actual`: equal, or (objects) every field equal, or (lists) every element found in some element. */
function holds(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((e) => actual.some((x) => holds(x, e)));
  if (expected && typeof expected === "object") {
    return !!actual && typeof actual === "object" && Object.entries(expected).every(([k, v]) => holds((actual as Record<string, unknown>)[k], v));
  }
  return typeof actual === "string" && typeof expected === "string" ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
}

interface Outcome {
  op: string;
  status: number;
  outcome: "changed" | "refused" | "SILENTLY IGNORED" | "BROKEN";
  detail?: string;
}

/**
 * Runs one PATCH on a fresh resource and judges it. `check` says whether the resource read back shows the
 * change; a refusal must be a SCIM 400 and leave the version as it was.
 */
async function judge(kind: "Users" | "Groups", label: string, operations: unknown[], check: (after: ScimBody, before: ScimBody) => boolean): Promise<Outcome> {
  const created = kind === "Users" ? await org.client.post("/Users", newUser()) : await org.client.post("/Groups", { schemas: [GROUP], displayName: `G ${++n} ${Date.now()}` });
  expect(created.status).toBe(201);
  const before = created.json;
  const r = await org.client.patch(`/${kind}/${before.id}`, patchBody(...operations));
  const after = (await org.client.get(`/${kind}/${before.id}`)).json;
  if (r.status === 200 || r.status === 204) {
    return { op: label, status: r.status, outcome: check(after, before) ? "changed" : "SILENTLY IGNORED", detail: JSON.stringify(after).slice(0, 400) };
  }
  if (r.status === 400 && r.json?.schemas?.[0] === "urn:ietf:params:scim:api:messages:2.0:Error" && after.meta.version === before.meta.version) {
    return { op: label, status: r.status, outcome: "refused", detail: r.json.detail };
  }
  return { op: label, status: r.status, outcome: "BROKEN", detail: r.text.slice(0, 300) };
}

/** Every PATCH form a generic client would try for one attribute of one schema. */
type Case = [label: string, operations: unknown[], check: (after: ScimBody, before: ScimBody) => boolean, immutable?: boolean];

function operationsFor(schemaId: string, a: AttrDef): Case[] {
  const path = schemaId === USER || schemaId === GROUP ? a.name : `${schemaId}:${a.name}`;
  const at = (doc: ScimBody) => read(doc, schemaId, a.name);
  const out: Case[] = [];
  const v1 = gen(a, false);
  const v2 = gen(a, true);
  const v3 = gen(a, false);
  out.push([`add ${path}`, [{ op: "add", path, value: v1 }], (d) => holds(at(d), v1)]);
  out.push([`replace ${path}`, [{ op: "replace", path, value: v2 }], (d) => holds(at(d), v2) && (!a.multiValued || (at(d) as unknown[]).length === (v2 as unknown[]).length)]);
  const noPath = schemaId === ENTERPRISE ? { [ENTERPRISE]: { [a.name]: v3 } } : { [a.name]: v3 };
  out.push([`replace without a path: ${JSON.stringify(Object.keys(noPath))}.${a.name}`, [{ op: "replace", value: noPath }], (d) => holds(at(d), v3)]);
  out.push([`remove ${path}`, [{ op: "remove", path }], (d) => at(d) === undefined]);
  if (schemaId !== USER && schemaId !== GROUP) {
    // The path may name the whole extension, the value then holding its attributes.
    const v4 = gen(a, true);
    const v5 = gen(a, false);
    out.push([`add ${schemaId} {${a.name}}`, [{ op: "add", path: schemaId, value: { [a.name]: v4 } }], (d) => holds(at(d), v4)]);
    out.push([`replace ${schemaId} {${a.name}}`, [{ op: "replace", path: schemaId, value: { [a.name]: v5 } }], (d) => holds(at(d), v5)]);
  }
  for (const sub of (a.subAttributes ?? []).filter(writable)) {
    const sv = gen(sub, false, a);
    const subPath = `${path}.${sub.name}`;
    const subOf = (d: ScimBody) => {
      const v = at(d);
      return Array.isArray(v) ? v.map((x) => (x as Record<string, unknown>)?.[sub.name]) : (v as Record<string, unknown> | undefined)?.[sub.name];
    };
    // On a multi-valued attribute, `attr.sub` without a filter addresses every value: start from one.
    const seed = a.multiValued ? [{ op: "add", path, value: gen(a, true) }] : [];
    const immutable = sub.mutability === "immutable";
    out.push([`replace ${subPath}`, [...seed, { op: "replace", path: subPath, value: sv }], (d) => (Array.isArray(subOf(d)) ? (subOf(d) as unknown[]).every((x) => holds(x, sv)) : holds(subOf(d), sv)), immutable]);
    out.push([`remove ${subPath}`, [...seed, { op: "remove", path: subPath }], (d) => (Array.isArray(subOf(d)) ? (subOf(d) as unknown[]).every((x) => x === undefined) : subOf(d) === undefined), immutable]);
  }
  const type = a.subAttributes?.find((s) => s.name === "type" && s.canonicalValues?.length);
  const valueSub = a.subAttributes?.find((s) => s.name === "value" && writable(s));
  if (a.multiValued && type && valueSub) {
    const t = type.canonicalValues![0]!;
    const element = { ...(gen(a, true) as unknown[])[0] as object, type: t };
    const nv = gen(valueSub, true, a);
    const typed = (d: ScimBody) => ((at(d) as Record<string, unknown>[] | undefined) ?? []).filter((x) => x.type === t);
    out.push([`replace ${path}[type eq "${t}"].value`, [{ op: "add", path, value: [element] }, { op: "replace", path: `${path}[type eq "${t}"].value`, value: nv }], (d) => typed(d).length > 0 && typed(d).every((x) => holds(x.value, nv)), valueSub.mutability === "immutable"]);
    out.push([`remove ${path}[type eq "${t}"]`, [{ op: "add", path, value: [element] }, { op: "remove", path: `${path}[type eq "${t}"]` }], (d) => typed(d).length === 0]);
  }
  return out;
}

describe("a generic client following /Schemas", () => {
  it("creates a user from the schema's required attributes alone", async () => {
    const user = schema(USER);
    const body: Record<string, unknown> = { schemas: [USER] };
    for (const a of user.attributes.filter((x) => x.required)) {
      if (a.type === "complex") {
        const sub = Object.fromEntries((a.subAttributes ?? []).filter((s) => s.required).map((s) => [s.name, gen(s)]));
        body[a.name] = a.multiValued ? [sub] : sub;
      } else body[a.name] = `required${++n}`;
    }
    expect(Object.keys(body).sort()).toEqual(["emails", "schemas", "userName"]);
    const r = await org.client.post("/Users", body);
    expect(r.status, r.text).toBe(201);
    expect(r.json.active).toBe(true);
  });

  it("creates a group from the schema's required attributes alone", async () => {
    const body: Record<string, unknown> = { schemas: [GROUP] };
    for (const a of schema(GROUP).attributes.filter((x) => x.required)) body[a.name] = `required group ${++n}`;
    const r = await org.client.post("/Groups", body);
    expect(r.status, r.text).toBe(201);
  });

  for (const [kind, ids] of [["Users", [USER, ENTERPRISE]], ["Groups", [GROUP]]] as const) {
    it(`every PATCH of every writable ${kind} attribute either changes it or is refused with a 400`, async () => {
      const outcomes: Outcome[] = [];
      for (const id of ids) {
        for (const a of schema(id).attributes.filter(writable)) {
          for (const [label, ops, check, immutable] of operationsFor(id, a)) {
            const out = await judge(kind, label, ops, check);
            // An immutable sub-attribute (a group member's value, display, type) is set with its element, never changed alone.
            if (immutable) expect(out, label).toMatchObject({ status: 400, outcome: "refused" });
            else outcomes.push(out);
          }
        }
      }
      const bad = outcomes.filter((o) => o.outcome === "SILENTLY IGNORED" || o.outcome === "BROKEN");
      expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
      // Refused are only the announced rules (required, cannot be removed); the rest change what they name.
      expect(outcomes.filter((o) => o.outcome === "changed").length).toBeGreaterThan(outcomes.length / 2);
    });
  }

  it("a read-only attribute is refused with 400 mutability, whichever way it is written", async () => {
    for (const id of [USER, ENTERPRISE]) {
      for (const a of schema(id).attributes) {
        const targets = a.mutability === "readOnly" ? [a.name] : (a.subAttributes ?? []).filter((s) => s.mutability === "readOnly").map((s) => `${a.name}.${s.name}`);
        for (const t of targets) {
          const path = id === USER ? t : `${id}:${t}`;
          const out = await judge("Users", `replace ${path}`, [{ op: "replace", path, value: "x" }], () => false);
          expect(out, path).toMatchObject({ status: 400, outcome: "refused" });
        }
      }
    }
  });
});
