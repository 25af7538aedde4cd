import type { Group } from "@/lib/db/schema";
import type { MemberRef } from "@/lib/orgs/groups";
import { invalidValue } from "../errors";
import { etagOf } from "../users/mapper";
import { isObject, type JsonObject } from "../normalize";
import { URN } from "../schemas/urns";

export interface GroupMemberRow {
  membershipId: string;
  display: string;
}

export interface GroupRow {
  group: Group;
  /** Absent when the caller did not ask for members (`excludedAttributes=members`). */
  members?: GroupMemberRow[];
}

export function toScimGroup(row: GroupRow, baseUrl: string): JsonObject {
  const g = row.group;
  return {
    schemas: [URN.group],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    // No members is an unassigned attribute (RFC 7643 §2.5): left out rather than sent as [].
    ...(row.members?.length
      ? { members: row.members.map((m) => ({ value: m.membershipId, $ref: `${baseUrl}/Users/${m.membershipId}`, display: m.display, type: "User" })) }
      : {}),
    meta: {
      resourceType: "Group",
      created: g.createdAt.toISOString(),
      lastModified: g.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${g.id}`,
      version: etagOf(g.version),
    },
  };
}

function field(obj: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) {
    const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return obj[key];
  }
  return undefined;
}

/**
 * Member references from a body or PATCH value: `[{ value, display }]`, one
 * object alone, and Microsoft's `displayName` for `display`. Entries that are
 * not objects at all (Microsoft's "garbage" tests send bare strings) are not
 * member references: they are ignored and noted in the provisioning log.
 */
export function memberRefs(value: unknown, ignored: string[]): MemberRef[] {
  if (value === null || value === undefined) return [];
  const refs: MemberRef[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (!isObject(item)) {
      ignored.push("members (an entry that is not a member object)");
      continue;
    }
    const id = field(item, "value");
    if (typeof id !== "string" || !id.trim()) throw invalidValue('Each member needs a "value": the id of a User of this organisation.');
    const display = field(item, "display", "displayName");
    refs.push({ membershipId: id.trim(), display: typeof display === "string" && display.trim() ? display.trim().slice(0, 512) : null });
  }
  return refs;
}
