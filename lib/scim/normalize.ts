import { invalidValue } from "./errors";
import { findAttr, type AttributeDef, type SchemaDef } from "./schemas/types";

/** The core schema of a resource and the extensions it may carry, keyed by URN. */
export interface ResourceSchemas {
  core: SchemaDef;
  extensions: SchemaDef[];
}

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface Normalized {
  /** Canonically named attributes; the extension objects sit under their URN. */
  value: JsonObject;
  /** Attributes Roster does not store (unknown, read-only or write-only), as paths for the provisioning log. */
  ignored: string[];
}

/** Protocol attributes every resource carries and clients may echo back: never worth a log note. */
const SILENT = new Set(["schemas", "id", "meta"]);
const MAX_STRING_LENGTH = 2048;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** RFC 7643 §2.3.2, with Entra's quirk: booleans arrive as the strings "True"/"False". */
export function coerceBoolean(v: unknown, where: string): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw invalidValue(`${where} must be a boolean (true or false).`);
}

function coerceString(v: unknown, where: string): string {
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw invalidValue(`${where} must be a string.`);
  if (v.includes("\u0000")) throw invalidValue(`${where} contains a NUL character.`);
  if (v.length > MAX_STRING_LENGTH) throw invalidValue(`${where} is longer than ${MAX_STRING_LENGTH} characters.`);
  return v;
}

/** Coerces one value to its definition; undefined means "drop it" (null is "no value", RFC 7644 §3.5.1). */
export function coerceValue(def: AttributeDef, v: unknown, where: string, ignored: string[]): Json | undefined {
  if (v === null || v === undefined) return undefined;
  if (def.multiValued) {
    const items = (Array.isArray(v) ? v : [v])
      .map((item, i) => coerceSingle(def, item, `${where}[${i}]`, ignored))
      .filter((x): x is Json => x !== undefined);
    return items;
  }
  if (Array.isArray(v)) {
    // Entra's older manager shape: [{ value, $ref }] for a single-valued complex attribute.
    if (def.type === "complex" && v.length <= 1) return v.length ? coerceSingle(def, v[0], where, ignored) : undefined;
    throw invalidValue(`${where} takes a single value, not a list.`);
  }
  return coerceSingle(def, v, where, ignored);
}

function coerceSingle(def: AttributeDef, v: unknown, where: string, ignored: string[]): Json | undefined {
  if (v === null || v === undefined) return undefined;
  switch (def.type) {
    case "boolean":
      return coerceBoolean(v, where);
    case "integer":
    case "decimal": {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      if (typeof n !== "number" || !Number.isFinite(n) || (def.type === "integer" && !Number.isInteger(n))) {
        throw invalidValue(`${where} must be ${def.type === "integer" ? "an integer" : "a number"}.`);
      }
      return n;
    }
    case "complex":
      if (!isObject(v)) {
        // A bare id where a reference object belongs (Entra's manager): { value: id }.
        if (typeof v === "string" && findAttr(def.subAttributes, "value")) return { value: coerceString(v, where) };
        throw invalidValue(`${where} must be an object.`);
      }
      return normalizeAttributes(def.subAttributes ?? [], v, where, ignored);
    default:
      return coerceString(v, where);
  }
}

function normalizeAttributes(defs: AttributeDef[], input: Record<string, unknown>, where: string, ignored: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, raw] of Object.entries(input)) {
    const def = findAttr(defs, key);
    const path = where ? `${where}.${key}` : key;
    if (!def || def.mutability === "readOnly" || def.mutability === "writeOnly") {
      if (!SILENT.has(key.toLowerCase()) && !(def?.mutability === "readOnly" && where)) ignored.push(path.replace(/\[\d+\]/g, ""));
      continue;
    }
    const value = coerceValue(def, raw, path, ignored);
    if (value !== undefined) out[def.name] = value;
  }
  return out;
}

/**
 * Puts a client's resource into canonical form: attribute names matched to
 * the schema case-insensitively (RFC 7643 §2.1; Microsoft sends "Primary",
 * "Department", "Manager": {"Value"}), values coerced to their types,
 * null dropped, extensions nested under their URN, and everything Roster does
 * not store set aside for the log instead of failing the request.
 */
export function normalizeResource(schemas: ResourceSchemas, input: Record<string, unknown>): Normalized {
  const ignored: string[] = [];
  const core: Record<string, unknown> = {};
  const value: JsonObject = {};
  for (const [key, raw] of Object.entries(input)) {
    const ext = schemas.extensions.find((s) => s.id.toLowerCase() === key.toLowerCase());
    if (ext) {
      if (raw === null) continue;
      if (!isObject(raw)) throw invalidValue(`${ext.id} must be an object.`);
      const extIgnored: string[] = [];
      const nested = normalizeAttributes(ext.attributes, raw, "", extIgnored);
      ignored.push(...extIgnored.map((p) => `${ext.id}:${p}`));
      if (Object.keys(nested).length) value[ext.id] = nested;
    } else if (key.toLowerCase() === "externalid") {
      if (raw !== null && raw !== undefined) value.externalId = coerceString(raw, "externalId");
    } else {
      core[key] = raw;
    }
  }
  Object.assign(value, normalizeAttributes(schemas.core.attributes, core, "", ignored));
  return { value, ignored };
}
