import { count, eq } from "drizzle-orm";
import type { Metadata } from "next";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { groupMembers, groups } from "@/lib/db/schema";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  const { org } = await requireAdminPage();
  const db = await getDb();
  const rows = await db
    .select({ id: groups.id, name: groups.displayName, managedByIdp: groups.managedByIdp, members: count(groupMembers.membershipId) })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .where(eq(groups.orgId, org.id))
    .groupBy(groups.id)
    .orderBy(groups.displayName);
  return (
    <>
      <PageHeader title="Groups" description="Groups stand for departments. Managed event types can be assigned to them." />
      {rows.length === 0 ? (
        <EmptyState title="No groups yet">Groups pushed by your identity provider appear here.</EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-100">
            {rows.map((g) => (
              <li key={g.id} className="flex items-center justify-between px-5 py-3 text-sm">
                <span className="font-medium text-zinc-900">{g.name}</span>
                <span className="flex items-center gap-3 text-zinc-500">
                  {g.managedByIdp ? <Badge tone="brand">Managed by IdP</Badge> : null}
                  {g.members} {g.members === 1 ? "member" : "members"}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
