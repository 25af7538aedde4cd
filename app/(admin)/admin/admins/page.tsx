import { and, eq, inArray } from "drizzle-orm";
import type { Metadata } from "next";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { memberships, users } from "@/lib/db/schema";

export const metadata: Metadata = { title: "Admin Management" };

export default async function AdminsPage() {
  const { org } = await requireAdminPage();
  const db = await getDb();
  const rows = await db
    .select({ id: memberships.id, email: users.email, givenName: users.givenName, familyName: users.familyName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, org.id), inArray(memberships.role, ["owner", "admin"])))
    .orderBy(memberships.role, users.email);
  return (
    <>
      <PageHeader
        title="Admin Management"
        description="Owners and admins manage seats, SSO and provisioning. Roles are set here only, never by the identity provider."
      />
      <Card>
        <ul className="divide-y divide-zinc-100">
          {rows.map((r) => (
            <li key={r.id} className="flex items-center justify-between px-5 py-3 text-sm">
              <span>
                <span className="font-medium text-zinc-900">{[r.givenName, r.familyName].filter(Boolean).join(" ") || r.email}</span>
                <span className="ml-2 text-zinc-500">{r.email}</span>
              </span>
              <span className="capitalize text-zinc-700">{r.role}</span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
