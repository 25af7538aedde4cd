import type { AttributeDef } from "@/lib/scim/schemas/types";
import { enterpriseUserSchema, userSchema } from "@/lib/scim/schemas/user";
import { URN } from "@/lib/scim/schemas/urns";

/** One attribute Roster reads from a SCIM User, for the guides' mapping table. */
export interface MappedAttribute {
  /** The SCIM path an IdP maps to ("name.givenName", "urn:…:enterprise:2.0:User:department"). */
  path: string;
  required: boolean;
  description: string;
}

function writable(defs: readonly AttributeDef[], prefix: string): MappedAttribute[] {
  return defs
    .filter((d) => d.mutability !== "readOnly")
    .flatMap((d) => {
      const path = `${prefix}${d.name}`;
      // A complex single-valued attribute is mapped by its parts (name.givenName), as every IdP's mapping screen shows it.
      if (d.type === "complex" && !d.multiValued && d.subAttributes) {
        return d.subAttributes
          .filter((s) => s.mutability !== "readOnly")
          .map((s) => ({ path: `${path}.${s.name}`, required: false, description: s.description }));
      }
      return [{ path, required: d.required, description: d.description }];
    });
}

/**
 * What Roster reads from a SCIM User, straight from the schema it announces
 * on /Schemas (lib/scim/schemas/user.ts): the same list the SCIM API accepts,
 * so the guide cannot promise an attribute Roster drops.
 */
export function rosterUserAttributes(): MappedAttribute[] {
  return [...writable(userSchema.attributes, ""), ...writable(enterpriseUserSchema.attributes, `${URN.enterprise}:`)];
}
