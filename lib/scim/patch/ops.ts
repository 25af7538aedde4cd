import { invalidPath, invalidSyntax, invalidValue, noTarget, ScimError } from "../errors";
import type { PatchPath } from "../filter/ast";
import { FilterSyntaxError, parsePatchPath } from "../filter/parse";
import { isObject, type ResourceSchemas } from "../normalize";

/**
 * The PatchOp message (RFC 7644 §3.5.2), read leniently: `op` in any case
 * (Entra sends "Replace"), `Operations` in any case, and operations without a
 * `path` expanded into one operation per key of their value object (Okta's
 * deactivate and group rename), keys that are paths included
 * (`"name.givenName"`, `"urn:…:enterprise:2.0:User:employeeNumber"`).
 */
type OpName = "add" | "replace" | "remove";

export interface PatchOperation {
  op: OpName;
  /** Absent only for add/replace whose value object was not expanded (never after expandOperations). */
  path?: PatchPath;
  /** The path as the client wrote it, for error messages and the provisioning log. */
  rawPath?: string;
  value?: unknown;
}

const MAX_OPERATIONS = 1000;

function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function parsePath(raw: string): PatchPath {
  try {
    return parsePatchPath(raw);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw invalidPath(`Invalid path "${raw}": ${e.message}.`);
    throw e;
  }
}

export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax("A PATCH body must be a PatchOp object.");
  const ops = field(body, "Operations");
  if (!Array.isArray(ops) || ops.length === 0) throw invalidSyntax('A PatchOp needs a non-empty "Operations" array.');
  if (ops.length > MAX_OPERATIONS) throw new ScimError(400, `At most ${MAX_OPERATIONS} operations per PATCH.`, "tooMany");
  return ops.map((raw, i): PatchOperation => {
    if (!isObject(raw)) throw invalidSyntax(`Operations[${i}] must be an object.`);
    const name = field(raw, "op");
    const op = typeof name === "string" ? name.trim().toLowerCase() : "";
    if (op !== "add" && op !== "replace" && op !== "remove") {
      throw invalidSyntax(`Operations[${i}].op must be "add", "replace" or "remove".`);
    }
    const rawPath = field(raw, "path");
    if (rawPath !== undefined && rawPath !== null && typeof rawPath !== "string") throw invalidPath(`Operations[${i}].path must be a string.`);
    const value = field(raw, "value");
    const hasPath = typeof rawPath === "string" && rawPath.trim() !== "";
    if (!hasPath && op === "remove") throw noTarget(`Operations[${i}]: "remove" needs a path.`);
    if (op !== "remove" && value === undefined) throw invalidSyntax(`Operations[${i}]: "${op}" needs a value.`);
    if (!hasPath && !isObject(value)) throw invalidSyntax(`Operations[${i}]: without a path, the value must be an object of attributes.`);
    return { op, ...(hasPath ? { path: parsePath(rawPath), rawPath } : {}), value };
  });
}

/**
 * Without a path, each key of the value object is its own operation (RFC 7644 §3.5.2.1/§3.5.2.3).
 * So is each key of the value when the path names a whole extension schema
 * (`"path": "urn:…:enterprise:2.0:User"`); removing by that path removes every
 * attribute of the extension.
 */
export function expandOperations(ops: PatchOperation[], schemas: ResourceSchemas): PatchOperation[] {
  const out: PatchOperation[] = [];
  for (const o of ops) {
    const whole = o.rawPath && schemas.extensions.find((s) => s.id.toLowerCase() === o.rawPath!.trim().toLowerCase());
    if (whole) {
      if (o.op === "remove") {
        for (const a of whole.attributes) {
          if (a.mutability !== "readOnly") out.push({ op: "remove", path: { uri: whole.id, attr: a.name }, rawPath: `${whole.id}:${a.name}` });
        }
        continue;
      }
      if (!isObject(o.value)) throw invalidValue(`"${o.rawPath}" names the whole extension: its value must be an object of its attributes.`);
      for (const [sub, v] of Object.entries(o.value)) {
        out.push({ op: o.op, path: { uri: whole.id, attr: sub }, rawPath: `${whole.id}:${sub}`, value: v });
      }
      continue;
    }
    if (o.path) {
      out.push(o);
      continue;
    }
    for (const [key, value] of Object.entries(o.value as Record<string, unknown>)) {
      const ext = schemas.extensions.find((s) => s.id.toLowerCase() === key.toLowerCase());
      if (ext && isObject(value)) {
        for (const [sub, v] of Object.entries(value)) {
          out.push({ op: o.op, path: { uri: ext.id, attr: sub }, rawPath: `${ext.id}:${sub}`, value: v });
        }
      } else {
        out.push({ op: o.op, path: parsePath(key), rawPath: key, value });
      }
    }
  }
  return out;
}
