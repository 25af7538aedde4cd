import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor, Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { eventTypes, groups, managedEventAssignments, managedEventTypes, type ManagedEventType } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { isUuid, slugify } from "@/lib/validation";
import { pushManagedFields, syncManagedEventTypes } from "./managed";
import type { Assignment, ManagedEventInput, ManagedEventPatch } from "./schemas";

/**
 * The admin side of managed event types: define once, assign to everyone or
 * to groups; every change reaches the members' locked copies in the same
 * transaction (lib/events/managed.ts).
 */
export interface ManagedEventSummary extends ManagedEventType {
  groups: { id: string; name: string }[];
  copies: number;
}

export async function listManagedEventTypes(db: Executor, orgId: string): Promise<ManagedEventSummary[]> {
  const rows = await db
    .select({
      event: managedEventTypes,
      // The outer table by name: drizzle leaves a column unqualified in a select list, which the subquery would capture.
      copies: sql<number>`(select count(*)::int from ${eventTypes} c where c.managed_event_type_id = ${managedEventTypes}.id)`,
    })
    .from(managedEventTypes)
    .where(eq(managedEventTypes.orgId, orgId))
    .orderBy(asc(managedEventTypes.title));
  const assigned = rows.length
    ? await db
        .select({ eventId: managedEventAssignments.managedEventTypeId, id: groups.id, name: groups.displayName })
        .from(managedEventAssignments)
        .innerJoin(groups, eq(groups.id, managedEventAssignments.groupId))
        .where(inArray(managedEventAssignments.managedEventTypeId, rows.map((r) => r.event.id)))
        .orderBy(asc(groups.displayName))
    : [];
  return rows.map((r) => ({
    ...r.event,
    copies: r.copies,
    groups: assigned.filter((a) => a.eventId === r.event.id).map(({ id, name }) => ({ id, name })),
  }));
}

const slugTaken = (slug: string) =>
  new ConflictError(`Another managed event type already uses the URL name “${slug}”. Choose another one.`, "slug");

async function setAssignment(tx: Tx, orgId: string, id: string, a: Assignment): Promise<void> {
  await tx.delete(managedEventAssignments).where(eq(managedEventAssignments.managedEventTypeId, id));
  await tx.update(managedEventTypes).set({ assignToAll: a.kind === "all" }).where(eq(managedEventTypes.id, id));
  if (a.kind === "all") return;
  const wanted = [...new Set(a.groupIds.map((g) => g.toLowerCase()))];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.orgId, orgId), inArray(groups.id, wanted)));
  if (found.length !== wanted.length) {
    throw new ValidationError("One of the chosen groups no longer exists. Reload the page and choose again.", "groupIds");
  }
  await tx.insert(managedEventAssignments).values(wanted.map((groupId) => ({ managedEventTypeId: id, groupId })));
}

export async function createManagedEventType(
  db: Executor,
  p: { orgId: string; input: ManagedEventInput; actor: Actor },
): Promise<ManagedEventType> {
  const slug = p.input.slug ?? slugify(p.input.title, "meeting");
  return db.transaction(async (tx) => {
    authorize(p.actor, "managed_event.create", { org: { id: p.orgId } });
    let row: ManagedEventType;
    try {
      [row] = (await tx
        .insert(managedEventTypes)
        .values({
          orgId: p.orgId,
          title: p.input.title,
          slug,
          durationMinutes: p.input.durationMinutes,
          description: p.input.description,
          location: p.input.location,
        })
        .returning()) as [ManagedEventType];
    } catch (e) {
      if (isUniqueViolation(e, "managed_event_types_org_slug_key")) throw slugTaken(slug);
      throw e;
    }
    await setAssignment(tx, p.orgId, row.id, p.input.assignment);
    await syncManagedEventTypes(tx, { orgId: p.orgId, managedEventTypeId: row.id });
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "managed_event.created", target: row.title });
    return { ...row, assignToAll: p.input.assignment.kind === "all" };
  });
}

async function lockManaged(tx: Tx, orgId: string, id: string): Promise<ManagedEventType> {
  if (!isUuid(id)) throw new NotFoundError("Managed event type not found.");
  const [row] = await tx
    .select()
    .from(managedEventTypes)
    .where(and(eq(managedEventTypes.orgId, orgId), eq(managedEventTypes.id, id)))
    .for("update");
  if (!row) throw new NotFoundError("Managed event type not found.");
  return row;
}

export async function updateManagedEventType(
  db: Executor,
  p: { orgId: string; id: string; patch: ManagedEventPatch; actor: Actor },
): Promise<ManagedEventType> {
  return db.transaction(async (tx) => {
    authorize(p.actor, "managed_event.update", { org: { id: p.orgId } });
    const current = await lockManaged(tx, p.orgId, p.id);
    const { assignment, ...fields } = p.patch;
    let row = current;
    if (Object.keys(fields).length) {
      try {
        [row] = (await tx
          .update(managedEventTypes)
          .set({ ...fields, updatedAt: new Date() })
          .where(eq(managedEventTypes.id, current.id))
          .returning()) as [ManagedEventType];
      } catch (e) {
        if (isUniqueViolation(e, "managed_event_types_org_slug_key")) throw slugTaken(fields.slug ?? current.slug);
        throw e;
      }
      await pushManagedFields(tx, current.id);
    }
    if (assignment) {
      await setAssignment(tx, p.orgId, current.id, assignment);
      await syncManagedEventTypes(tx, { orgId: p.orgId, managedEventTypeId: current.id });
      row = { ...row, assignToAll: assignment.kind === "all" };
    }
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "managed_event.updated", target: row.title });
    return row;
  });
}

/** Deleting the managed event type removes every copy (foreign key cascade); bookings stay with their title. */
export async function deleteManagedEventType(db: Executor, p: { orgId: string; id: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    authorize(p.actor, "managed_event.delete", { org: { id: p.orgId } });
    const current = await lockManaged(tx, p.orgId, p.id);
    await tx.delete(managedEventTypes).where(eq(managedEventTypes.id, current.id));
    await recordAudit(tx, { orgId: p.orgId, actor: p.actor, action: "managed_event.deleted", target: current.title });
  });
}
