import type { Metadata } from "next";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { SearchIcon } from "@/components/icons";
import { MemberStateBadge } from "@/components/member-state-badge";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SeatMeter } from "@/components/seat-meter";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { countInvited, listMembers } from "@/lib/orgs/member-list";
import { seatUsage } from "@/lib/orgs/seats";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;
const dateFmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { org } = await requireAdminPage();
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const search = params.q?.slice(0, 200);
  const db = await getDb();
  const [usage, invited, list] = await Promise.all([
    seatUsage(db, org.id),
    countInvited(db, org.id),
    listMembers(db, { orgId: org.id, search, page, pageSize: PAGE_SIZE }),
  ]);
  const href = (p: number) => `/admin/users?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(p) })}`;

  return (
    <>
      <PageHeader
        title="Users"
        description={
          org.scimEnabled
            ? "People are provisioned by your identity provider over SCIM. Names, emails and removals are managed there."
            : "Everyone in your organisation, their state and role."
        }
      />
      <SeatMeter usage={usage} invited={invited} />
      <Card className="mt-6">
        <form className="flex items-center gap-3 border-b border-zinc-100 px-5 py-3" role="search">
          <label className="relative flex-1">
            <span className="sr-only">Search users</span>
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
            <input
              name="q"
              defaultValue={search}
              placeholder="Search by name or email"
              className="w-full rounded-lg border border-zinc-200 py-2 pr-3 pl-9 text-sm placeholder:text-zinc-400 focus:border-brand-500 focus:outline-none"
            />
          </label>
          <button type="submit" className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700">
            Search
          </button>
        </form>
        {list.rows.length === 0 ? (
          <div className="p-5">
            <EmptyState title={search ? `No users match “${search}”` : "No users yet"}>
              {search
                ? "Try part of a name or email address."
                : "Connect your identity provider on the Security page to provision your people."}
            </EmptyState>
          </div>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
              <tr>
                <th className="px-5 py-3 font-medium">Name</th>
                <th className="px-5 py-3 font-medium">State</th>
                <th className="px-5 py-3 font-medium">Role</th>
                <th className="px-5 py-3 font-medium">Source</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {list.rows.map((m) => {
                const name = m.displayName || [m.givenName, m.familyName].filter(Boolean).join(" ") || m.email;
                return (
                  <tr key={m.id} className="hover:bg-zinc-50">
                    <td className="px-5 py-3">
                      <p className="font-medium text-zinc-900">{name}</p>
                      <p className="text-zinc-500">{m.email}</p>
                    </td>
                    <td className="px-5 py-3">
                      <MemberStateBadge state={m.state} />
                      <p className="mt-1 text-xs text-zinc-400">since {dateFmt.format(m.stateChangedAt)}</p>
                    </td>
                    <td className="px-5 py-3 capitalize text-zinc-700">{m.role}</td>
                    <td className="px-5 py-3">
                      {m.source === "scim" ? <Badge tone="brand">IdP</Badge> : <Badge>Manual</Badge>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <Pagination page={page} pageSize={PAGE_SIZE} total={list.total} href={href} />
      </Card>
    </>
  );
}
