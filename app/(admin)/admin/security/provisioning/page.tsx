import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/fields";
import { FilterBar } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";
import { KeysetPagination } from "@/components/pagination";
import { ProvisioningLogTable } from "@/components/security/provisioning-log-table";
import { LOG_OPERATIONS, LOG_OUTCOMES, listProvisioningLog, type LogOperation, type LogOutcome } from "@/lib/audit/provisioning";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { existingMemberIds } from "@/lib/orgs/member-lookup";

export const metadata: Metadata = { title: "Provisioning log" };

const oneOf = <T extends string>(list: readonly T[], v: string | undefined) => (list.includes(v as T) ? (v as T) : undefined);

export default async function ProvisioningLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { org } = await requireAdminPage();
  const p = await searchParams;
  const filters = {
    outcome: oneOf<LogOutcome>(LOG_OUTCOMES, p.outcome),
    resourceType: oneOf(["User", "Group"] as const, p.type),
    operation: oneOf<LogOperation>(LOG_OPERATIONS, p.op),
    target: p.q?.trim().slice(0, 200) || undefined,
  };
  const before = Number.parseInt(p.before ?? "", 10);
  const db = await getDb();
  const log = await listProvisioningLog(db, { orgId: org.id, ...filters, before: Number.isFinite(before) ? before : undefined });
  const memberLinks = await existingMemberIds(db, org.id, log.rows.flatMap((r) => (r.resourceId ? [r.resourceId] : [])));
  const filtered = Object.values(filters).some(Boolean);
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (filters.outcome) q.set("outcome", filters.outcome);
    if (filters.resourceType) q.set("type", filters.resourceType);
    if (filters.operation) q.set("op", filters.operation);
    if (filters.target) q.set("q", filters.target);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `/admin/security/provisioning?${q}`;
  };
  return (
    <>
      <PageHeader
        title="Provisioning log"
        description={
          <>
            Every request your identity provider made to Roster’s SCIM API: when, what, about whom, the outcome and the error it
            was given. Newest first, times in UTC. <Link href="/admin/security" className="font-medium text-brand-700 hover:underline">Back to Security</Link>
          </>
        }
      />
      <Card>
        <FilterBar
          label="Filter the provisioning log"
          searchLabel="Search by user or group"
          placeholder="User name or group"
          search={filters.target}
          filtered={filtered}
          clearHref="/admin/security/provisioning"
        >
          <FilterSelect label="Outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
            <option value="">All outcomes</option>
            <option value="success">Succeeded</option>
            <option value="failure">Failed</option>
          </FilterSelect>
          <FilterSelect label="Resource" name="type" defaultValue={filters.resourceType ?? ""}>
            <option value="">Users and groups</option>
            <option value="User">Users</option>
            <option value="Group">Groups</option>
          </FilterSelect>
          <FilterSelect label="Operation" name="op" defaultValue={filters.operation ?? ""}>
            <option value="">All operations</option>
            <option value="create">Create</option>
            <option value="replace">Replace (PUT)</option>
            <option value="patch">Update (PATCH)</option>
            <option value="delete">Delete</option>
            <option value="get">Read</option>
            <option value="list">List / filter</option>
          </FilterSelect>
        </FilterBar>
        {log.rows.length === 0 ? (
          <div className="p-5">
            <EmptyState title={filtered ? "No requests match these filters" : before ? "No older requests" : "No provisioning requests yet"}>
              {filtered
                ? "Clear a filter to see more."
                : org.scimEnabled
                  ? "Requests from your identity provider appear here as they arrive. Use Test connection on the Security page to send one."
                  : "Turn on SCIM provisioning on the Security page and connect your identity provider."}
            </EmptyState>
          </div>
        ) : (
          <ProvisioningLogTable rows={log.rows} empty="" memberLinks={memberLinks} />
        )}
        <KeysetPagination newestHref={before ? query({}) : null} olderHref={log.nextBefore ? query({ before: String(log.nextBefore) }) : null} />
      </Card>
    </>
  );
}
