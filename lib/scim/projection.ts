import { invalidValue } from "./errors";
import { isObject, type Json, type JsonObject, type ResourceSchemas } from "./normalize";

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5), applied to the
 * resource as it is about to be sent. Names are case-insensitive; `id` and
 * `schemas` are always returned. A value filter inside the parameter
 * (`emails[type eq "work"]`, sent by Microsoft's reference tests) is not RFC
 * syntax; it selects the whole attribute.
 */
export interface Projection {
  /** Lower-cased paths: [top-level key (URN-qualified for extensions), sub-attribute?]. */
  include?: string[][];
  exclude?: string[][];
}

const ALWAYS = new Set(["id", "schemas"]);

function parseList(raw: string | null, schemas: ResourceSchemas): string[][] | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const core = schemas.core.id.toLowerCase();
  return raw.split(",").map((item) => {
    let p = item.trim().replace(/\[.*\]/s, "").toLowerCase();
    if (!p) throw invalidValue("attributes and excludedAttributes take a comma-separated list of attribute names.");
    if (p.startsWith(`${core}:`)) p = p.slice(core.length + 1);
    for (const ext of schemas.extensions.map((e) => e.id.toLowerCase())) {
      if (p === ext) return [ext];
      if (p.startsWith(`${ext}:`)) return [ext, ...p.slice(ext.length + 1).split(".")];
    }
    return p.split(".");
  });
}

export function parseProjection(params: URLSearchParams, schemas: ResourceSchemas): Projection {
  const include = parseList(params.get("attributes"), schemas);
  const exclude = parseList(params.get("excludedAttributes"), schemas);
  return { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) };
}

/** Whether the projection keeps a top-level attribute: lets repositories skip loading, e.g., members. */
export function wants(p: Projection, attr: string): boolean {
  const a = attr.toLowerCase();
  if (p.include) return p.include.some((path) => path[0] === a);
  return !(p.exclude ?? []).some((path) => path[0] === a && path.length === 1);
}

function pick(obj: JsonObject, paths: string[][]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const k = key.toLowerCase();
    if (ALWAYS.has(k)) {
      out[key] = value;
      continue;
    }
    const matching = paths.filter((p) => p[0] === k);
    if (matching.length === 0) continue;
    if (matching.some((p) => p.length === 1)) out[key] = value;
    else out[key] = subset(value, matching.map((p) => p.slice(1)));
  }
  return out;
}

function subset(value: Json, paths: string[][]): Json {
  if (Array.isArray(value)) return value.map((v) => subset(v, paths));
  return isObject(value) ? pick(value as JsonObject, paths) : value;
}

function drop(obj: JsonObject, paths: string[][]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const k = key.toLowerCase();
    const matching = paths.filter((p) => p[0] === k);
    if (ALWAYS.has(k) || matching.length === 0) out[key] = value;
    else if (!matching.some((p) => p.length === 1)) out[key] = dropDeep(value, matching.map((p) => p.slice(1)));
  }
  return out;
}

function dropDeep(value: Json, paths: string[][]): Json {
  if (Array.isArray(value)) return value.map((v) => dropDeep(v, paths));
  return isObject(value) ? drop(value as JsonObject, paths) : value;
}

export function project(resource: JsonObject, p: Projection): JsonObject {
  let out = resource;
  if (p.include) out = pick(out, p.include);
  if (p.exclude) out = drop(out, p.exclude);
  return out;
}
