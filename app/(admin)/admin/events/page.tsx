import type { Metadata } from "next";
import { DefaultEventCard } from "@/components/events/default-event-card";
import { eventFieldValues } from "@/components/events/event-fields";
import { ManagedEventsBoard } from "@/components/events/managed-events-board";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listManagedEventTypes } from "@/lib/events/managed-events";
import { listGroupsWithCounts } from "@/lib/orgs/group-admin";

export const metadata: Metadata = { title: "Managed events" };

export default async function ManagedEventsPage() {
  const { org } = await requireAdminPage();
  const db = await getDb();
  const [events, groupRows] = await Promise.all([listManagedEventTypes(db, org.id), listGroupsWithCounts(db, org.id)]);
  return (
    <>
      <PageHeader
        title="Managed events"
        description="Event types you define once and give to everyone or to groups. Members get a locked copy that follows your edits."
      />
      <DefaultEventCard title={org.defaultEventTitle} durationMinutes={org.defaultEventMinutes} />
      <h2 className="mt-8 mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">Managed event types</h2>
      <ManagedEventsBoard
        groups={groupRows.map(({ id, name, members }) => ({ id, name, members }))}
        events={events.map((e) => ({
          id: e.id,
          ...eventFieldValues(e),
          assignToAll: e.assignToAll,
          groupIds: e.groups.map((g) => g.id),
          groupNames: e.groups.map((g) => g.name),
          copies: e.copies,
        }))}
      />
    </>
  );
}
