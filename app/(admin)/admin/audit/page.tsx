import type { Metadata } from "next";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/fields";
import { FilterBar } from "@/components/filter-bar";
import { formatDateTime, formatMoney } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { KeysetPagination } from "@/components/pagination";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import { AUDIT_CATEGORIES, auditActionLabel, listAuditLog, type AuditCategory } from "@/lib/audit/queries";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Audit log" };

/** Details worth showing next to an action, in words. */
function detailsOf(details: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof details.from === "string" && typeof details.to === "string") parts.push(`${details.from} → ${details.to}`);
  if (typeof details.quantity === "number") parts.push(`${details.quantity} seat${details.quantity === 1 ? "" : "s"}`);
  if (typeof details.amountDueCents === "number" && details.amountDueCents > 0) {
    parts.push(`charged ${formatMoney(details.amountDueCents)}`);
  }
  return parts.length ? parts.join(", ") : null;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { org } = await requireAdminPage();
  const p = await searchParams;
  const category = p.category && p.category in AUDIT_CATEGORIES ? (p.category as AuditCategory) : undefined;
  const search = p.q?.trim().slice(0, 200) || undefined;
  const before = Number.parseInt(p.before ?? "", 10);
  const log = await listAuditLog(await getDb(), { orgId: org.id, category, search, before: Number.isFinite(before) ? before : undefined });
  const filtered = Boolean(category || search);
  const href = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (category) q.set("category", category);
    if (search) q.set("q", search);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `/admin/audit?${q}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made by admins, by the operator and by Roster itself: role changes, ownership, seats, tokens, SSO and SCIM settings, invitations and removals. Times in UTC. Changes your identity provider makes are in the provisioning log."
      />
      <Card>
        <FilterBar
          label="Filter the audit log"
          searchLabel="Search by person"
          placeholder="Who did it, or who it was about"
          search={search}
          filtered={filtered}
          clearHref="/admin/audit"
        >
          <FilterSelect label="Kind of change" name="category" defaultValue={category ?? ""}>
            <option value="">All changes</option>
            {Object.entries(AUDIT_CATEGORIES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </FilterSelect>
        </FilterBar>
        {log.rows.length === 0 ? (
          <div className="p-5">
            <EmptyState title={filtered ? "No changes match these filters" : "Nothing recorded yet"}>
              {filtered ? "Clear a filter to see more." : "Changes made on these admin pages appear here."}
            </EmptyState>
          </div>
        ) : (
          <Table label="Audit log">
            <THead>
              <Th>When</Th>
              <Th>Action</Th>
              <Th>About</Th>
              <Th>By</Th>
            </THead>
            <TBody>
              {log.rows.map((r) => {
                const detail = detailsOf(r.details);
                return (
                  <tr key={r.id}>
                    <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(r.at)}</Td>
                    <Td>
                      <p className="font-medium text-zinc-900">{auditActionLabel(r.action)}</p>
                      <p className="font-mono text-xs text-zinc-400">{r.action}</p>
                    </Td>
                    <Td className="text-zinc-700">
                      {r.target ?? <span className="text-zinc-400">—</span>}
                      {detail ? <p className="text-xs text-zinc-500">{detail}</p> : null}
                    </Td>
                    <Td className="text-zinc-600">{r.actorLabel}</Td>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        )}
        <KeysetPagination newestHref={before ? href({}) : null} olderHref={log.nextBefore ? href({ before: String(log.nextBefore) }) : null} />
      </Card>
    </>
  );
}
