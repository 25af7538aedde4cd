import { sql, type SQL } from "drizzle-orm";
import { isUuid as isUuidString } from "@/lib/validation";
import { invalidFilter } from "../errors";
import type { AttrType } from "../schemas/types";
import { pathToString, type AttrPath, type CompareOp, type CompValue, type Filter } from "./ast";

/**
 * Compiles a filter tree to a Drizzle SQL condition, so that lists are
 * filtered, counted and paged by PostgreSQL (never in memory). Each resource
 * says how its attributes live in the database through a resolver.
 */
export type ScalarType = AttrType | "uuid";

/** A single value in the database: a column, an expression, a jsonb field. */
export interface Scalar {
  kind: "scalar";
  expr: SQL;
  type: ScalarType;
  caseExact: boolean;
}

/** A multi-valued attribute: true when SOME element satisfies the condition. */
export interface Multi {
  kind: "multi";
  /** Builds `EXISTS (… WHERE cond)` where `cond` reads sub-attributes through `sub`. */
  exists(cond: (sub: (name: string) => Scalar) => SQL): SQL;
  /** The sub-attribute a bare comparison applies to (RFC 7644: `emails co "x"` means `emails.value`). */
  defaultSub: string;
}

export type Target = Scalar | Multi;

/** Resolves an attribute path (case-insensitively) or throws invalidFilter for an unknown one. */
export type Resolver = (path: AttrPath) => Target;

export const isUuid = (s: unknown): s is string => typeof s === "string" && isUuidString(s);

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function compileFilter(filter: Filter, resolve: Resolver): SQL {
  switch (filter.kind) {
    case "and":
      return sql`(${compileFilter(filter.left, resolve)} and ${compileFilter(filter.right, resolve)})`;
    case "or":
      return sql`(${compileFilter(filter.left, resolve)} or ${compileFilter(filter.right, resolve)})`;
    case "not":
      // A comparison on a missing value is NULL in SQL; "not" must still make it true.
      return sql`(not coalesce(${compileFilter(filter.filter, resolve)}, false))`;
    case "valuePath": {
      const target = resolve(filter.path);
      if (target.kind !== "multi") throw invalidFilter(`"${pathToString(filter.path)}" is not multi-valued`);
      return target.exists((sub) => compileFilter(filter.filter, (p) => subTarget(sub, p)));
    }
    case "present":
    case "compare": {
      const target = resolve(filter.path);
      if (target.kind === "multi") {
        if (filter.kind === "present") return target.exists(() => sql`true`);
        const { op, value } = filter;
        return target.exists((sub) => compareScalar(sub(target.defaultSub), op, value));
      }
      return filter.kind === "present" ? present(target) : compareScalar(target, filter.op, filter.value);
    }
  }
}

function subTarget(sub: (name: string) => Scalar, p: AttrPath): Target {
  if (p.sub || p.uri) throw invalidFilter(`"${pathToString(p)}" is not a sub-attribute`);
  return sub(p.attr);
}

function present(t: Scalar): SQL {
  return t.type === "string" || t.type === "reference" ? sql`coalesce(${t.expr} <> '', false)` : sql`(${t.expr} is not null)`;
}

function compareScalar(t: Scalar, op: CompareOp, value: CompValue): SQL {
  if (value === null) {
    if (op === "eq") return sql`(${t.expr} is null)`;
    if (op === "ne") return sql`(${t.expr} is not null)`;
    throw invalidFilter(`"${op}" cannot compare with null`);
  }
  switch (t.type) {
    case "uuid":
      if (op !== "eq" && op !== "ne") throw invalidFilter(`ids can only be compared with eq or ne`);
      // Not a UUID: it cannot be an id here, which is an answer (no match), not an error.
      if (!isUuid(value)) return op === "eq" ? sql`false` : sql`true`;
      return op === "eq" ? sql`(${t.expr} = ${value}::uuid)` : sql`(${t.expr} is distinct from ${value}::uuid)`;
    case "boolean": {
      const b = typeof value === "boolean" ? value : String(value).toLowerCase() === "true" ? true : String(value).toLowerCase() === "false" ? false : undefined;
      if (b === undefined || (op !== "eq" && op !== "ne")) throw invalidFilter(`booleans can only be compared with eq or ne to true or false`);
      return op === "eq" ? sql`(${t.expr} = ${b})` : sql`(${t.expr} is distinct from ${b})`;
    }
    case "dateTime": {
      const ms = Date.parse(String(value));
      if (Number.isNaN(ms)) throw invalidFilter(`"${String(value)}" is not a date and time`);
      if (op === "co" || op === "sw" || op === "ew") throw invalidFilter(`"${op}" does not apply to dates`);
      return orderSql(t.expr, op, sql`${new Date(ms).toISOString()}::timestamptz`);
    }
    case "integer":
    case "decimal": {
      const n = Number(value);
      if (typeof value === "boolean" || !Number.isFinite(n)) throw invalidFilter(`"${String(value)}" is not a number`);
      if (op === "co" || op === "sw" || op === "ew") throw invalidFilter(`"${op}" does not apply to numbers`);
      return orderSql(t.expr, op, sql`${n}`);
    }
    default: {
      const s = String(value);
      const [col, v] = t.caseExact ? [t.expr, s] : [sql`lower(${t.expr})`, s.toLowerCase()];
      if (op === "co") return sql`(${col} like ${`%${likeEscape(v)}%`})`;
      if (op === "sw") return sql`(${col} like ${`${likeEscape(v)}%`})`;
      if (op === "ew") return sql`(${col} like ${`%${likeEscape(v)}`})`;
      return orderSql(col, op, sql`${v}`);
    }
  }
}

function orderSql(col: SQL, op: CompareOp, v: SQL): SQL {
  switch (op) {
    case "eq":
      return sql`(${col} = ${v})`;
    case "ne":
      return sql`(${col} is distinct from ${v})`;
    case "gt":
      return sql`(${col} > ${v})`;
    case "ge":
      return sql`(${col} >= ${v})`;
    case "lt":
      return sql`(${col} < ${v})`;
    case "le":
      return sql`(${col} <= ${v})`;
    default:
      throw invalidFilter(`"${op}" does not apply here`);
  }
}

/** The expression to ORDER BY for `sortBy` (RFC 7644 §3.4.2.3): only single values sort. */
export function sortExpression(target: Target, path: AttrPath): SQL {
  if (target.kind !== "scalar") throw invalidFilter(`cannot sort by the multi-valued "${pathToString(path)}"`);
  return target.type === "string" && !target.caseExact ? sql`lower(${target.expr})` : target.expr;
}

/** jsonb text field → Scalar of the given type, for attributes kept in `scim_attributes`. */
export function jsonScalar(expr: SQL, type: ScalarType, caseExact = false): Scalar {
  // ->> gives text; booleans and dates are cast so that comparisons keep their meaning.
  if (type === "boolean") return { kind: "scalar", expr: sql`(${expr})::boolean`, type, caseExact };
  return { kind: "scalar", expr, type: type === "dateTime" ? "string" : type, caseExact };
}
