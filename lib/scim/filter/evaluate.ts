import { invalidFilter } from "../errors";
import { findAttr, type AttributeDef } from "../schemas/types";
import type { CompareOp, CompValue, Filter } from "./ast";

/**
 * Evaluates a value filter against ONE element of a multi-valued attribute of
 * one resource (a PATCH path such as `emails[type eq "work"]`). Lists of
 * resources are never filtered here: they are filtered in SQL (./sql.ts).
 */
export function matchesElement(filter: Filter, element: unknown, subDefs: readonly AttributeDef[]): boolean {
  switch (filter.kind) {
    case "and":
      return matchesElement(filter.left, element, subDefs) && matchesElement(filter.right, element, subDefs);
    case "or":
      return matchesElement(filter.left, element, subDefs) || matchesElement(filter.right, element, subDefs);
    case "not":
      return !matchesElement(filter.filter, element, subDefs);
    case "valuePath":
      throw invalidFilter("value filters cannot nest");
    case "present":
    case "compare": {
      if (filter.path.sub || filter.path.uri) throw invalidFilter(`"${filter.path.attr}.${filter.path.sub}" is not a sub-attribute here`);
      // Simple multi-valued attributes (no sub-attributes) are filtered on `value`.
      const def = subDefs.length ? findAttr(subDefs, filter.path.attr) : undefined;
      if (subDefs.length && !def) throw invalidFilter(`unknown sub-attribute "${filter.path.attr}"`);
      const actual = readKey(element, def?.name ?? filter.path.attr);
      if (filter.kind === "present") return actual !== undefined && actual !== null && actual !== "";
      return compare(actual, filter.op, filter.value, def);
    }
  }
}

function readKey(element: unknown, name: string): unknown {
  if (typeof element !== "object" || element === null) return name === "value" ? element : undefined;
  const lower = name.toLowerCase();
  const key = Object.keys(element).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : (element as Record<string, unknown>)[key];
}

function compare(actual: unknown, op: CompareOp, expected: CompValue, def?: AttributeDef): boolean {
  if (expected === null) {
    const missing = actual === undefined || actual === null;
    if (op === "eq") return missing;
    if (op === "ne") return !missing;
    return false;
  }
  if (actual === undefined || actual === null) return op === "ne";
  if (typeof expected === "boolean" || typeof actual === "boolean") {
    const a = typeof actual === "string" ? actual.toLowerCase() === "true" : actual === true;
    const e = typeof expected === "string" ? expected.toLowerCase() === "true" : expected === true;
    if (op === "eq") return a === e;
    if (op === "ne") return a !== e;
    throw invalidFilter(`"${op}" does not apply to booleans`);
  }
  if (def?.type === "dateTime") return orderCompare(Date.parse(String(actual)), op, Date.parse(String(expected)));
  if (typeof expected === "number" && typeof actual === "number") return orderCompare(actual, op, expected);
  const fold = (s: string) => (def?.caseExact ? s : s.toLowerCase());
  const a = fold(String(actual));
  const e = fold(String(expected));
  switch (op) {
    case "co":
      return a.includes(e);
    case "sw":
      return a.startsWith(e);
    case "ew":
      return a.endsWith(e);
    default:
      return orderCompare(a, op, e);
  }
}

function orderCompare<T extends number | string>(a: T, op: CompareOp, e: T): boolean {
  switch (op) {
    case "eq":
      return a === e;
    case "ne":
      return a !== e;
    case "gt":
      return a > e;
    case "ge":
      return a >= e;
    case "lt":
      return a < e;
    case "le":
      return a <= e;
    default:
      throw invalidFilter(`"${op}" does not apply to this attribute`);
  }
}
