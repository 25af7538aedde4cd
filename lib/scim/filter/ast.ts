/**
 * The filter language of RFC 7644 §3.4.2.2, as a tree. Attribute names are
 * kept as written; they are matched case-insensitively against the schema
 * when the tree is compiled (RFC 7643 §2.1: attribute names are case-insensitive).
 */
export interface AttrPath {
  /** Schema URN when the path was qualified (`urn:…:enterprise:2.0:User:manager`). */
  uri?: string;
  attr: string;
  sub?: string;
}

export const COMPARE_OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** RFC 7644 compValue: false / null / true / number / string. */
export type CompValue = string | number | boolean | null;

export type Filter =
  | { kind: "compare"; path: AttrPath; op: CompareOp; value: CompValue }
  | { kind: "present"; path: AttrPath }
  | { kind: "and" | "or"; left: Filter; right: Filter }
  | { kind: "not"; filter: Filter }
  /** `emails[type eq "work"]`: some element of a multi-valued attribute matches the inner filter. */
  | { kind: "valuePath"; path: AttrPath; filter: Filter };

/** A PATCH target (RFC 7644 §3.5.2): `attr`, `attr.sub`, `attr[filter]` or `attr[filter].sub`. */
export interface PatchPath {
  uri?: string;
  attr: string;
  filter?: Filter;
  sub?: string;
}

export function pathToString(p: AttrPath): string {
  return `${p.uri ? `${p.uri}:` : ""}${p.attr}${p.sub ? `.${p.sub}` : ""}`;
}
