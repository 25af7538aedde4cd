import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { managedEventTypes } from "@/lib/db/schema";

export const metadata: Metadata = { title: "Managed events" };

export default async function ManagedEventsPage() {
  const { org } = await requireAdminPage();
  const rows = await (await getDb()).select().from(managedEventTypes).where(eq(managedEventTypes.orgId, org.id));
  return (
    <>
      <PageHeader title="Managed events" description="Event types you define once and give to everyone or to groups." />
      {rows.length === 0 ? (
        <EmptyState title="No managed event types yet" />
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-100">
            {rows.map((e) => (
              <li key={e.id} className="flex justify-between px-5 py-3 text-sm">
                <span className="font-medium">{e.title}</span>
                <span className="text-zinc-500">{e.durationMinutes} min</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
