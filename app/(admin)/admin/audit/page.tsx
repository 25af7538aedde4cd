import { desc, eq } from "drizzle-orm";
import type { Metadata } from "next";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";

export const metadata: Metadata = { title: "Audit log" };

const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AuditPage() {
  const { org } = await requireAdminPage();
  const rows = await (await getDb())
    .select()
    .from(auditLog)
    .where(eq(auditLog.orgId, org.id))
    .orderBy(desc(auditLog.at))
    .limit(100);
  return (
    <>
      <PageHeader title="Audit log" description="Every admin action, with who did it and when (UTC)." />
      {rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <Card>
          <table className="w-full text-left text-sm">
            <tbody className="divide-y divide-zinc-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-5 py-3 whitespace-nowrap text-zinc-500">{fmt.format(r.at)}</td>
                  <td className="px-5 py-3 font-medium">{r.action}</td>
                  <td className="px-5 py-3 text-zinc-700">{r.target}</td>
                  <td className="px-5 py-3 text-zinc-500">{r.actorLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
