import type { Metadata } from "next";
import { RetentionForm } from "@/components/audit/retention-form";
import { ButtonLink } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/fields";
import { FilterBar } from "@/components/filter-bar";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { KeysetPagination } from "@/components/pagination";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import { AUDIT_ACTOR_KINDS, AUDIT_CATEGORIES, auditQueryFromParams, listAuditLog } from "@/lib/audit/queries";
import { auditActionLabel, auditSentence } from "@/lib/audit/sentences";
import { auditRetentionDays } from "@/lib/audit/retention";
import { requireAdminPage, viewerActor } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { may } from "@/lib/policy";

export const metadata: Metadata = { title: "Audit log" };

/** The filters the URL carries (the CSV link and the paging links keep them). */
const FILTER_KEYS = ["category", "actor", "q", "person", "from", "to"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireAdminPage();
  const { org } = viewer;
  const p = await searchParams;
  const db = await getDb();
  const query = auditQueryFromParams(org.id, p);
  const before = Number.parseInt(p.before ?? "", 10);
  const [log, retention] = await Promise.all([
    listAuditLog(db, { ...query, before: Number.isFinite(before) ? before : undefined }),
    auditRetentionDays(db, org.id),
  ]);
  const kept: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (p[k]) kept[k] = p[k]!;
  const filtered = Object.keys(kept).length > 0;
  const href = (extra: Record<string, string>) => `/admin/audit?${new URLSearchParams({ ...kept, ...extra })}`;
  const exportHref = `/api/admin/audit/export?${new URLSearchParams(kept)}`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every sign-in, whoever made it: admins, your identity provider (named by its SCIM token), the operator and Roster itself. Each entry keeps the name and email the person had at the time, so people deleted since stay findable. Times in UTC."
        actions={
          <ButtonLink href={exportHref} prefetch={false} download>
            Export CSV
          </ButtonLink>
        }
      />
      <Card>
        <FilterBar
          label="Filter the audit log"
          searchLabel="Search by person"
          placeholder="Name or email: who did it, or who it was about"
          search={query.search}
          filtered={filtered}
          clearHref="/admin/audit"
          keep={{ person: p.person }}
        >
          <FilterSelect label="Kind of change" name="category" defaultValue={query.category ?? ""}>
            <option value="">All kinds</option>
            {Object.entries(AUDIT_CATEGORIES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect label="Who acted" name="actor" defaultValue={query.actorKind ?? ""}>
            <option value="">Anyone</option>
            {Object.entries(AUDIT_ACTOR_KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </FilterSelect>
          <label className="flex items-center gap-1.5 text-sm text-zinc-600">
            From
            <input type="date" name="from" defaultValue={p.from} className="rounded-lg border border-zinc-200 px-2 py-1.5 text-sm text-zinc-700" />
          </label>
          <label className="flex items-center gap-1.5 text-sm text-zinc-600">
            To
            <input type="date" name="to" defaultValue={p.to} className="rounded-lg border border-zinc-200 px-2 py-1.5 text-sm text-zinc-700" />
          </label>
        </FilterBar>
        {query.target ? (
          <p className="border-b border-zinc-100 px-5 py-2 text-sm text-zinc-600">
            Showing entries about <span className="font-medium text-zinc-900">{query.target}</span>.
          </p>
        ) : null}
        {log.rows.length === 0 ? (
          <div className="p-5">
            <EmptyState title={filtered ? "No entries match these filters" : "Nothing recorded yet"}>
              {filtered ? "Clear a filter, or widen the dates, to see more." : "Changes and sign-ins appear here as they happen."}
            </EmptyState>
          </div>
        ) : (
          <Table label="Audit log">
            <THead>
              <Th>When</Th>
              <Th>What happened</Th>
              <Th>Kind</Th>
            </THead>
            <TBody>
              {log.rows.map((r) => {
                const about = r.subjectEmail;
                return (
                  <tr key={r.id}>
                    <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(r.at)}</Td>
                    <Td>
                      <p className="text-zinc-900">{auditSentence(r)}</p>
                      {about ? (
                        <a href={href({ person: about })} className="text-xs text-zinc-500 hover:text-brand-700 hover:underline">
                          {about} · all entries about them
                        </a>
                      ) : null}
                    </Td>
                    <Td className="whitespace-nowrap text-zinc-500">{auditActionLabel(r.action)}</Td>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        )}
        <KeysetPagination newestHref={before ? href({}) : null} olderHref={log.nextBefore ? href({ before: String(log.nextBefore) }) : null} />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Retention" description="How long the audit log and the provisioning log keep entries." />
        <div className="px-5 py-4">
          <RetentionForm days={retention} canChange={may(viewerActor(viewer), "audit.retention", { org })} />
        </div>
      </Card>
    </>
  );
}
