/**
 * Attribute definitions in the shape of RFC 7643 §7. One definition per
 * resource drives discovery (/Schemas), input normalisation (names are
 * case-insensitive, types coerced), filters and PATCH paths, so what Roster
 * announces is exactly what it accepts.
 */
export type AttrType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "complex";
type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
type Returned = "always" | "never" | "default" | "request";
type Uniqueness = "none" | "server" | "global";

export interface AttributeDef {
  name: string;
  type: AttrType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  subAttributes?: AttributeDef[];
  canonicalValues?: string[];
  referenceTypes?: string[];
  /**
   * Roster's own: a PATCH may not remove it (400 `mutability`). Required attributes cannot be removed
   * either; this is for the optional ones that always have a value (`active`). Not part of /Schemas,
   * where the description says it.
   */
  removable?: false;
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

type Options = Partial<Omit<AttributeDef, "name" | "type" | "description">>;

/** A definition with RFC 7643 §2.2 defaults (optional, case-insensitive, readWrite, returned by default). */
export function attr(name: string, type: AttrType, description: string, opts: Options = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...opts,
  };
}

/** The `type`/`primary`/`value`/`display` shape of emails, phoneNumbers, etc. (RFC 7643 §2.4). */
export function multiValuedStrings(name: string, description: string, types: string[], valueType: AttrType = "string") {
  return attr(name, "complex", description, {
    multiValued: true,
    subAttributes: [
      attr("value", valueType, `The ${name} value.`, { required: true }),
      attr("display", "string", "A human-readable name, primarily used for display purposes."),
      attr("type", "string", "A label indicating the attribute's function.", { canonicalValues: types }),
      attr("primary", "boolean", "Whether this is the primary value; at most one is primary."),
    ],
  });
}

export function findAttr(list: readonly AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return list?.find((a) => a.name.toLowerCase() === lower);
}
