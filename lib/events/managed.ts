import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { eventTypes, managedEventAssignments, managedEventTypes, memberships, groupMembers } from "@/lib/db/schema";

/**
 * Keeps members' locked copies of managed event types in step with who
 * should have them: every member of the organisation for an "all members"
 * event, members of an assigned group otherwise. Runs in the caller's
 * transaction, so a group change over SCIM and the copies it implies commit
 * together. Deactivated members keep their copies (reactivation restores
 * everything unchanged); their pages are closed by the host-state check.
 *
 * `membershipIds` limits the work to the members a change touched; without
 * it the whole organisation is reconciled (after an assignment changes).
 */
export async function syncManagedEventTypes(tx: Executor, p: SyncScope): Promise<{ added: number; removed: number }> {
  if (!p.membershipIds) return syncChunk(tx, p);
  const total = { added: 0, removed: 0 };
  // Ids travel as bind parameters: stay well under PostgreSQL's 65,535 per statement.
  for (let i = 0; i < p.membershipIds.length; i += 5000) {
    const r = await syncChunk(tx, { ...p, membershipIds: p.membershipIds.slice(i, i + 5000) });
    total.added += r.added;
    total.removed += r.removed;
  }
  return total;
}

interface SyncScope {
  orgId: string;
  membershipIds?: string[];
  managedEventTypeId?: string;
}

async function syncChunk(tx: Executor, p: SyncScope): Promise<{ added: number; removed: number }> {
  const entitled = (membershipId: SQL | typeof memberships.id, managedId: SQL | typeof managedEventTypes.id) => sql`exists (
    select 1 from ${managedEventTypes} me
    where me.id = ${managedId} and me.org_id = ${p.orgId}
      and (me.assign_to_all or exists (
        select 1 from ${managedEventAssignments} a
        join ${groupMembers} gm on gm.group_id = a.group_id
        where a.managed_event_type_id = me.id and gm.membership_id = ${membershipId})))`;

  const copyScope = [
    eq(eventTypes.orgId, p.orgId),
    sql`${eventTypes.managedEventTypeId} is not null`,
    ...(p.membershipIds ? [inArray(eventTypes.membershipId, p.membershipIds)] : []),
    ...(p.managedEventTypeId ? [eq(eventTypes.managedEventTypeId, p.managedEventTypeId)] : []),
  ];
  const removed = await tx
    .delete(eventTypes)
    .where(and(...copyScope, sql`not ${entitled(sql`${eventTypes.membershipId}`, sql`${eventTypes.managedEventTypeId}`)}`))
    .returning({ id: eventTypes.id });

  // One INSERT … SELECT, so assigning an event to 100,000 members is one statement.
  // A member who already uses the managed event's URL name keeps theirs; the copy
  // gets a suffix instead of taking someone's link away.
  const memberFilter = p.membershipIds ? sql`and m.id in ${p.membershipIds}` : sql``;
  const managedFilter = p.managedEventTypeId ? sql`and e.id = ${p.managedEventTypeId}` : sql``;
  const added = await tx.execute(sql`
    insert into ${eventTypes} (user_id, org_id, membership_id, managed_event_type_id, title, slug, duration_minutes, description, location)
    select m.user_id, m.org_id, m.id, e.id, e.title,
      case when exists (select 1 from ${eventTypes} x where x.membership_id = m.id and x.slug = e.slug)
        then e.slug || '-' || left(e.id::text, 6) else e.slug end,
      e.duration_minutes, e.description, e.location
    from ${memberships} m
    join ${managedEventTypes} e on e.org_id = m.org_id
    where m.org_id = ${p.orgId} ${memberFilter} ${managedFilter}
      and ${entitled(sql`m.id`, sql`e.id`)}
      and not exists (select 1 from ${eventTypes} c where c.membership_id = m.id and c.managed_event_type_id = e.id)
    returning id`);
  return { added: rowCount(added), removed: removed.length };
}

/** Both drivers return the inserted rows, under different shapes. */
function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { rows?: unknown[] }).rows;
  return rows?.length ?? 0;
}

/** After an admin edits a managed event type: every copy takes the new fields (URL name clashes get a suffix). */
export async function pushManagedFields(tx: Executor, managedEventTypeId: string): Promise<void> {
  await tx.execute(sql`
    update ${eventTypes} c set
      title = e.title, duration_minutes = e.duration_minutes, description = e.description, location = e.location,
      slug = case when exists (select 1 from ${eventTypes} x where x.membership_id = c.membership_id and x.slug = e.slug and x.id <> c.id)
        then e.slug || '-' || left(e.id::text, 6) else e.slug end,
      updated_at = now()
    from ${managedEventTypes} e
    where e.id = ${managedEventTypeId} and c.managed_event_type_id = e.id`);
}

/** Members of the given groups, for callers that must sync them after the groups change. */
export async function membersOfGroups(tx: Executor, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ id: groupMembers.membershipId })
    .from(groupMembers)
    .where(inArray(groupMembers.groupId, groupIds));
  return rows.map((r) => r.id);
}
