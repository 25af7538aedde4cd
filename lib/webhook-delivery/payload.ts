import type { Executor } from "@/lib/db";
import { toScimGroup } from "@/lib/scim/groups/mapper";
import { getGroupRow } from "@/lib/scim/groups/repository";
import { scimBaseUrl } from "@/lib/scim/http/handler";
import { toScimUser } from "@/lib/scim/users/mapper";
import { getUserRow } from "@/lib/scim/users/repository";

export interface Subject {
  resource: "User" | "Group";
  id: string;
}

/**
 * The SCIM representation of the person or group an event is about, exactly
 * what GET /Users/{id} or /Groups/{id} would answer now; undefined when they
 * no longer exist (a deletion: the event's snapshot is sent instead).
 */
export async function scimRepresentation(db: Executor, orgId: string, subject: Subject): Promise<Record<string, unknown> | undefined> {
  if (subject.resource === "User") {
    const row = await getUserRow(db, orgId, subject.id);
    return row && toScimUser(row, scimBaseUrl());
  }
  const row = await getGroupRow(db, orgId, subject.id, true);
  return row && toScimGroup(row, scimBaseUrl());
}
