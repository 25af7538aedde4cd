import type { Metadata } from "next";
import Link from "next/link";
import { AutoSubmit } from "@/components/auto-submit";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/fields";
import { SearchIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
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
        <form className="flex flex-wrap items-center gap-2 border-b border-zinc-100 px-5 py-3" role="search" aria-label="Filter the provisioning log">
          <label className="relative min-w-64 flex-1">
            <span className="sr-only">Search by user or group</span>
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
            <input
              name="q"
              type="search"
              defaultValue={filters.target}
              placeholder="User name or group"
              className="w-full rounded-lg border border-zinc-200 py-2 pr-3 pl-9 text-sm placeholder:text-zinc-400 focus:border-brand-500 focus:outline-none"
            />
          </label>
          <AutoSubmit>
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
          </AutoSubmit>
          <button type="submit" className={buttonClass("dark")}>
            Search
          </button>
          {filtered ? (
            <Link href="/admin/security/provisioning" className={buttonClass("ghost")}>
              Clear
            </Link>
          ) : null}
        </form>
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
        {before || log.nextBefore ? (
          <nav aria-label="Pagination" className="flex justify-between border-t border-zinc-100 px-5 py-3">
            {before ? (
              <Link href={query({})} className={buttonClass("secondary", "sm")}>
                Newest
              </Link>
            ) : (
              <span />
            )}
            {log.nextBefore ? (
              <Link href={query({ before: String(log.nextBefore) })} className={buttonClass("secondary", "sm")}>
                Older
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
