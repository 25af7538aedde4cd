import { ScimError, invalidPath, mutability, noTarget } from "../errors";
import type { Filter, PatchPath } from "../filter/ast";
import { matchesElement } from "../filter/evaluate";
import { coerceValue, isObject, type Json, type JsonObject, type ResourceSchemas } from "../normalize";
import { externalIdAttr } from "../schemas/common";
import { findAttr, type AttributeDef } from "../schemas/types";
import type { PatchOperation } from "./ops";

/**
 * Applies PATCH operations (already expanded, see ops.ts) to one resource's
 * canonical document, per RFC 7644 §3.5.2. The result is validated like a
 * PUT body by the caller, so a PATCH can never store what a PUT could not.
 */
export interface PatchResult {
  doc: JsonObject;
  ignored: string[];
}

/** Protocol attributes that clients echo in value objects (Okta's rename sends `id`): ignored silently. */
const SILENT = new Set(["id", "schemas", "meta"]);

interface Target {
  container: JsonObject;
  def: AttributeDef;
}

/** Finds where a path points; undefined for attributes Roster does not store (ignored, never fatal). */
function resolve(doc: JsonObject, schemas: ResourceSchemas, path: PatchPath): Target | undefined {
  const uri = path.uri?.toLowerCase();
  let schema = !uri || uri === schemas.core.id.toLowerCase() ? schemas.core : schemas.extensions.find((s) => s.id.toLowerCase() === uri);
  if (!schema) return undefined;
  let def = findAttr(schema === schemas.core ? [...schema.attributes, externalIdAttr] : schema.attributes, path.attr);
  // Entra's older manager form uses the bare name "manager": look in the extensions too.
  if (!def && !uri) {
    for (const ext of schemas.extensions) {
      const found = findAttr(ext.attributes, path.attr);
      if (found) [schema, def] = [ext, found];
    }
  }
  if (!def) return undefined;
  if (def.mutability === "readOnly") throw new ScimError(400, `"${def.name}" is read-only.`, "mutability");
  let container = doc;
  if (schema !== schemas.core) {
    if (!isObject(doc[schema.id])) doc[schema.id] = {};
    container = doc[schema.id] as JsonObject;
  }
  return { container, def };
}

/** RFC 7644 §3.5.2: an operation must respect the attribute's definition; removing what must have a value is `mutability`. */
function assertRemovable(def: AttributeDef, label: string): void {
  if (def.required) throw mutability(`"${label}" is required: it can be replaced but not removed.`);
  if (def.removable === false) throw mutability(`"${label}" cannot be removed: ${def.description}`);
}

/** A multi-valued attribute left without values is unassigned (RFC 7643 §2.5): it goes, rather than stay as []. */
function setValues(container: JsonObject, def: AttributeDef, items: Json[], label: string): void {
  if (items.length > 0) container[def.name] = items;
  else {
    assertRemovable(def, label);
    delete container[def.name];
  }
}

/** Only one element of a multi-valued attribute may be primary (RFC 7643 §2.4): the newest wins. */
function keepOnePrimary(items: Json[], chosen: Set<Json>): void {
  if (![...chosen].some((c) => isObject(c) && c.primary === true)) return;
  for (const item of items) if (isObject(item) && !chosen.has(item) && item.primary === true) item.primary = false;
}

/** The attributes an eq-only filter pins down (`type eq "work"`), to create a missing element (Entra's Add emails[type eq "work"].value). */
function pinned(filter: Filter): JsonObject | undefined {
  if (filter.kind === "compare" && filter.op === "eq" && !filter.path.sub) return { [filter.path.attr]: filter.value };
  if (filter.kind === "and") {
    const [l, r] = [pinned(filter.left), pinned(filter.right)];
    return l && r ? { ...l, ...r } : undefined;
  }
  return undefined;
}

function sameValue(a: Json, b: Json): boolean {
  const va = isObject(a) ? a.value : a;
  const vb = isObject(b) ? b.value : b;
  return va !== undefined && typeof va !== "object" && String(va).toLowerCase() === String(vb).toLowerCase();
}

function applyOne(doc: JsonObject, schemas: ResourceSchemas, o: PatchOperation, ignored: string[]): void {
  const path = o.path!;
  const label = o.rawPath ?? path.attr;
  const target = resolve(doc, schemas, path);
  if (!target) {
    if (!SILENT.has(path.attr.toLowerCase())) ignored.push(label);
    return;
  }
  const { container, def } = target;
  if ((path.filter || path.sub) && def.type !== "complex") throw invalidPath(`"${def.name}" has no sub-attributes.`);
  const subDef = path.sub ? findAttr(def.subAttributes, path.sub) : undefined;
  if (path.sub && !subDef) {
    ignored.push(label);
    return;
  }
  if (subDef?.mutability === "readOnly") throw mutability(`"${label}" is read-only.`);
  // null is "no value" (RFC 7643 §2.5): replacing with it is removing.
  const removing = o.op === "remove" || (o.op === "replace" && o.value === null);

  if (def.multiValued) {
    const items: Json[] = Array.isArray(container[def.name]) ? (container[def.name] as Json[]) : [];
    const selected = path.filter ? items.filter((el) => matchesElement(path.filter!, el, def.subAttributes ?? [])) : path.sub ? items : undefined;
    if (removing) {
      if (!selected) {
        // Entra removes members/emails with a value list: remove just those, else everything.
        const values = o.value === undefined || o.value === null ? [] : Array.isArray(o.value) ? (o.value as Json[]) : [o.value as Json];
        setValues(container, def, values.length ? items.filter((el) => !values.some((v) => sameValue(el, v))) : [], label);
      } else if (subDef) {
        if (selected.length) assertRemovable(subDef, label);
        for (const el of selected) if (isObject(el)) delete el[subDef.name];
      } else {
        setValues(container, def, items.filter((el) => !selected.includes(el)), label);
      }
      return;
    }
    if (!selected) {
      // Adding null adds nothing.
      const added = coerceValue(def, o.value, label, ignored) as Json[] | undefined;
      if (added === undefined) return;
      if (o.op === "replace") setValues(container, def, added, label);
      else container[def.name] = [...items.filter((el) => !added.some((a) => sameValue(el, a))), ...added];
      if (container[def.name]) keepOnePrimary(container[def.name] as Json[], new Set(added));
      return;
    }
    const patch: JsonObject = subDef
      ? { [subDef.name]: coerceValue(subDef, o.value, label, ignored) ?? null }
      : (coerceValue({ ...def, multiValued: false }, o.value, label, ignored) as JsonObject);
    let targets = selected.filter(isObject) as JsonObject[];
    if (targets.length === 0) {
      const base = path.filter ? pinned(path.filter) : {};
      if (!base) throw noTarget(`No value of "${def.name}" matches ${label}.`);
      const created = coerceValue({ ...def, multiValued: false }, base, label, []) as JsonObject;
      items.push(created);
      container[def.name] = items;
      targets = [created];
    }
    for (const el of targets) Object.assign(el, patch);
    keepOnePrimary(items, new Set(targets));
    return;
  }

  if (path.filter) throw invalidPath(`"${def.name}" is not multi-valued: a value filter does not apply.`);
  if (subDef) {
    const obj = isObject(container[def.name]) ? (container[def.name] as JsonObject) : {};
    const v = removing ? undefined : coerceValue(subDef, o.value, label, ignored);
    if (v === undefined) {
      if (removing) assertRemovable(subDef, label);
      delete obj[subDef.name];
    } else obj[subDef.name] = v;
    if (Object.keys(obj).length) container[def.name] = obj;
    else delete container[def.name];
    return;
  }
  if (removing) {
    assertRemovable(def, label);
    delete container[def.name];
    return;
  }
  const v = coerceValue(def, o.value, label, ignored);
  if (v === undefined) return;
  // RFC 7644 §3.5.2.3: sub-attributes not in the value are left unchanged.
  if (def.type === "complex" && isObject(container[def.name]) && isObject(v)) Object.assign(container[def.name] as JsonObject, v);
  else container[def.name] = v;
}

export function applyPatch(doc: JsonObject, schemas: ResourceSchemas, ops: PatchOperation[]): PatchResult {
  const copy = structuredClone(doc);
  const ignored: string[] = [];
  for (const o of ops) applyOne(copy, schemas, o, ignored);
  for (const ext of schemas.extensions) {
    if (isObject(copy[ext.id]) && Object.keys(copy[ext.id] as JsonObject).length === 0) delete copy[ext.id];
  }
  return { doc: copy, ignored };
}
