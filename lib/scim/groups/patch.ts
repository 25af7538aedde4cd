import { and, sql } from "drizzle-orm";
import { groupMembers, memberships } from "@/lib/db/schema";
import type { GroupChanges } from "@/lib/orgs/groups";
import { invalidPath, mutability } from "../errors";
import { compileFilter } from "../filter/sql";
import { coerceValue } from "../normalize";
import type { PatchOperation } from "../patch/ops";
import { externalIdAttr } from "../schemas/common";
import { memberRefs } from "./mapper";
import { memberAttribute } from "./repository";
import { groupSchema } from "../schemas/group";

/**
 * Group PATCH (RFC 7644 §3.5.2) turned into group changes that run in SQL,
 * so that adding 20 members to a group of 10,000 touches 20 rows rather than
 * rewriting the member list. Forms handled: add/replace/remove `members`
 * (Entra's remove with a value list removes just those), `members[filter]`,
 * rename by `displayName` (with or without a path, the value object may echo
 * the read-only `id`), and `externalId`.
 */
const SILENT = new Set(["id", "schemas", "meta"]);
const displayNameAttr = groupSchema.attributes[0]!;

export async function applyGroupOperation(changes: GroupChanges, o: PatchOperation, ignored: string[]): Promise<void> {
  const path = o.path!;
  const label = o.rawPath ?? path.attr;
  if (path.uri && path.uri.toLowerCase() !== groupSchema.id.toLowerCase()) {
    ignored.push(label);
    return;
  }
  const attr = path.attr.toLowerCase();
  if (attr === "members") {
    if (path.sub) throw invalidPath(`"${label}": members are added, replaced or removed whole; "${path.sub}" cannot be changed.`);
    if (path.filter) {
      if (o.op !== "remove") throw invalidPath(`"${label}": use "add" with a list of members, or "remove" with a filter.`);
      // Okta's form, one member per operation: no need to ask the database which members match.
      const f = path.filter;
      if (f.kind === "compare" && f.op === "eq" && typeof f.value === "string" && !f.path.sub && !f.path.uri && f.path.attr.toLowerCase() === "value") {
        return changes.removeMembers([f.value]);
      }
      const where = compileFilter(path.filter, (p) => {
        if (p.sub || p.uri) throw invalidPath(`"${label}" filters on members' value, display or type.`);
        return memberAttribute(p.attr);
      });
      const matched = await changes.tx
        .select({ id: sql<string>`gm.membership_id` })
        .from(sql`${groupMembers} gm join ${memberships} m on m.id = gm.membership_id`)
        .where(and(sql`gm.group_id = ${changes.group.id}`, where));
      await changes.removeMembers(matched.map((r) => r.id));
      return;
    }
    if (o.op === "add") return changes.addMembers(memberRefs(o.value, ignored));
    if (o.op === "replace") return changes.replaceMembers(memberRefs(o.value, ignored));
    const listed = memberRefs(o.value, ignored);
    return listed.length ? changes.removeMembers(listed.map((r) => r.membershipId)) : changes.removeAllMembers();
  }
  if (path.filter || path.sub) {
    ignored.push(label);
    return;
  }
  if (attr === "displayname") {
    if (o.op === "remove") throw mutability("displayName is required: it can be replaced but not removed.");
    return changes.rename(String(coerceValue(displayNameAttr, o.value, "displayName", ignored) ?? ""));
  }
  if (attr === "externalid") {
    const v = o.op === "remove" ? undefined : coerceValue(externalIdAttr, o.value, "externalId", ignored);
    return changes.setExternalId(typeof v === "string" ? v : null);
  }
  if (!SILENT.has(attr)) ignored.push(label);
}

