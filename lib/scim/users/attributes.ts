import { sql, type SQL } from "drizzle-orm";
import { groupMembers, groups, memberships, users } from "@/lib/db/schema";
import { invalidFilter } from "../errors";
import { pathToString, type AttrPath } from "../filter/ast";
import { jsonScalar, type Multi, type Scalar, type Target } from "../filter/sql";
import { findAttr, type AttributeDef } from "../schemas/types";
import { enterpriseUserSchema, userSchema } from "../schemas/user";
import { URN } from "../schemas/urns";

/**
 * Where each User attribute lives, for filters and sortBy: identity columns
 * on memberships and users (indexed), everything else in the membership's
 * `scim_attributes` jsonb as the IdP sent it (canonical names).
 */
/** Attribute names come from our schema definitions, never from the request: safe to inline as literals. */
const lit = (name: string) => sql.raw(`'${name.replace(/'/g, "''")}'`);

const col = (expr: SQL, type: Scalar["type"], caseExact = false): Scalar => ({ kind: "scalar", expr, type, caseExact });

const COLUMNS: Record<string, Scalar> = {
  id: col(sql`${memberships.id}`, "uuid"),
  externalid: col(sql`${memberships.externalId}`, "string", true),
  username: col(sql`${memberships.userName}`, "string"),
  displayname: col(sql`${memberships.displayName}`, "string"),
  active: col(sql`(${memberships.state} <> 'deactivated')`, "boolean"),
  "name.givenname": col(sql`${users.givenName}`, "string"),
  "name.familyname": col(sql`${users.familyName}`, "string"),
  "meta.created": col(sql`${memberships.createdAt}`, "dateTime"),
  "meta.lastmodified": col(sql`${memberships.updatedAt}`, "dateTime"),
};

function jsonArray(key: string, def: AttributeDef, container: SQL): Multi {
  const subs = def.subAttributes ?? [];
  return {
    kind: "multi",
    defaultSub: "value",
    exists: (cond) =>
      sql`exists (select 1 from jsonb_array_elements(coalesce(${container}->${lit(key)}, '[]'::jsonb)) as el(v) where ${cond((name) => {
        const sub = findAttr(subs, name);
        if (!sub) throw invalidFilter(`unknown attribute "${def.name}.${name}"`);
        return jsonScalar(sql`(el.v->>${lit(sub.name)})`, sub.type, sub.caseExact);
      })})`,
  };
}

const groupsOfUser: Multi = {
  kind: "multi",
  defaultSub: "value",
  exists: (cond) =>
    sql`exists (select 1 from ${groupMembers} gm join ${groups} g on g.id = gm.group_id where gm.membership_id = ${memberships.id} and g.from_attribute is null and ${cond(
      (name) => {
        const n = name.toLowerCase();
        if (n === "value") return col(sql`gm.group_id`, "uuid");
        if (n === "display") return col(sql`g.display_name`, "string");
        throw invalidFilter(`unknown attribute "groups.${name}"`);
      },
    )})`,
};

function fromSchema(defs: readonly AttributeDef[], container: SQL, path: AttrPath, label: string): Target {
  const def = findAttr(defs, path.attr);
  if (!def) throw invalidFilter(`unknown attribute "${label}"`);
  if (def.multiValued) {
    // `emails.value eq "x"`: some element's sub-attribute matches.
    const multi = jsonArray(def.name, def, container);
    return path.sub ? { ...multi, defaultSub: path.sub } : multi;
  }
  if (def.type === "complex") {
    if (!path.sub) throw invalidFilter(`"${label}" is complex: name one of its sub-attributes`);
    const sub = findAttr(def.subAttributes, path.sub);
    if (!sub) throw invalidFilter(`unknown attribute "${label}"`);
    return jsonScalar(sql`(${container}->${lit(def.name)}->>${lit(sub.name)})`, sub.type, sub.caseExact);
  }
  if (path.sub) throw invalidFilter(`"${def.name}" has no sub-attributes`);
  return jsonScalar(sql`(${container}->>${lit(def.name)})`, def.type, def.caseExact);
}

export function resolveUserAttribute(path: AttrPath): Target {
  const label = pathToString(path);
  const uri = path.uri?.toLowerCase();
  if (uri === URN.enterprise.toLowerCase()) {
    return fromSchema(enterpriseUserSchema.attributes, sql`(${memberships.scimAttributes}->${lit(URN.enterprise)})`, path, label);
  }
  if (uri && uri !== URN.user.toLowerCase()) throw invalidFilter(`unknown schema "${path.uri}"`);
  const key = `${path.attr}${path.sub ? `.${path.sub}` : ""}`.toLowerCase();
  const column = COLUMNS[key];
  if (column) return column;
  if (path.attr.toLowerCase() === "groups") return path.sub ? { ...groupsOfUser, defaultSub: path.sub } : groupsOfUser;
  return fromSchema(userSchema.attributes, sql`${memberships.scimAttributes}`, path, label);
}
