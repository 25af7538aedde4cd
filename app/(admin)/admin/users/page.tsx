import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/fields";
import { FilterBar } from "@/components/filter-bar";
import { formatDate } from "@/components/format";
import { MemberStateBadge } from "@/components/member-state-badge";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SeatMeter } from "@/components/seat-meter";
import { SortTh, Table, TBody, Td, Th, THead } from "@/components/table";
import { IDP_MANAGED, MemberActions } from "@/components/users/member-actions";
import { InviteDialog } from "@/components/users/invite-dialog";
import { InvitationNote } from "@/components/users/invitation-note";
import { HeldBanner } from "@/components/users/held-banner";
import { SourceBadge } from "@/components/users/source-badge";
import { WaitingList } from "@/components/users/waiting-list";
import { requireAdminPage, viewerActor } from "@/lib/auth/viewer";
import { ALLOW_HOURS } from "@/lib/orgs/deprovision-guard";
import { getDb } from "@/lib/db";
import { memberLocks } from "@/lib/orgs/member-locks";
import { memberDisplayName } from "@/lib/orgs/member-list";
import { loadUsersPage, USERS_PAGE_SIZE } from "./load";
import { parseUsersSearch, usersHref } from "./params";

export const metadata: Metadata = { title: "Users" };

const ROLE_LABEL = { owner: "Owner", admin: "Admin", user: "User" } as const;

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireAdminPage();
  const { org } = viewer;
  const actor = viewerActor(viewer);
  const s = parseUsersSearch(await searchParams);
  const { usage, invited, list, groupOptions, waiting, held, guardAllowedUntil, invitations } = await loadUsersPage(await getDb(), org.id, s);
  const filtered = Boolean(s.q || s.state || s.role || s.group);
  const sortHref = (sort: string, dir: "asc" | "desc") => usersHref(s, { sort: sort as typeof s.sort, dir, page: 1 });

  return (
    <>
      <PageHeader
        title="Users"
        description={
          org.scimEnabled
            ? "People are provisioned by your identity provider over SCIM. Names, emails, group membership and removals are managed there."
            : "Everyone in your organisation: their state, role and groups."
        }
        actions={
          <InviteDialog
            available={usage.available}
            disabledReason={org.scimEnabled ? `${IDP_MANAGED}: add people in your IdP and they appear here.` : undefined}
          />
        }
      />
      <HeldBanner held={held} allowHours={ALLOW_HOURS} allowedUntil={guardAllowedUntil} />
      <WaitingList waiting={waiting} available={usage.available} canBuy={org.billingMethod === "card"} />
      <SeatMeter usage={usage} invited={invited} />
      {org.scimEnabled ? (
        <Alert tone="info" className="mt-4" title={IDP_MANAGED}>
          SCIM provisioning is on, so people are added, changed, deactivated and removed in your identity provider. You can
          still resend or revoke invitations here, and change roles on the{" "}
          <Link className="font-medium underline" href="/admin/admins">
            Admin Management
          </Link>{" "}
          page.
        </Alert>
      ) : null}
      <Card className="mt-6">
        <FilterBar
          label="Filter users"
          searchLabel="Search users"
          placeholder="Search by name or email"
          search={s.q}
          filtered={filtered}
          clearHref="/admin/users"
          keep={{ sort: s.sort !== "name" ? s.sort : undefined, dir: s.dir !== "asc" ? s.dir : undefined }}
        >
          <FilterSelect label="State" name="state" defaultValue={s.state ?? ""}>
            <option value="">All states</option>
            <option value="active">Active</option>
            <option value="invited">Invited</option>
            <option value="deactivated">Deactivated</option>
          </FilterSelect>
          <FilterSelect label="Role" name="role" defaultValue={s.role ?? ""}>
            <option value="">All roles</option>
            <option value="owner">Owner</option>
            <option value="admin">Admin</option>
            <option value="user">User</option>
          </FilterSelect>
          <FilterSelect label="Group" name="group" defaultValue={s.group ?? ""}>
            <option value="">All groups</option>
            {groupOptions.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </FilterSelect>
        </FilterBar>
        {list.rows.length === 0 ? (
          <div className="p-5">
            <EmptyState
              title={filtered ? "No users match these filters" : s.page > 1 ? "No users on this page" : "No users yet"}
              action={
                filtered || s.page > 1 ? (
                  <Link href="/admin/users" className={buttonClass("secondary")}>
                    Show all users
                  </Link>
                ) : undefined
              }
            >
              {filtered
                ? "Try part of a name or email address, or clear a filter."
                : org.scimEnabled
                  ? "Assign people to Roster in your identity provider; they appear here as they are provisioned."
                  : "Invite people with the Invite user button, or connect your identity provider on the Security page."}
            </EmptyState>
          </div>
        ) : (
          <Table label="Users">
            <THead>
              <SortTh label="Name" column="name" sort={s.sort} dir={s.dir} href={sortHref} />
              <SortTh label="State" column="state" sort={s.sort} dir={s.dir} href={sortHref} />
              <SortTh label="Role" column="role" sort={s.sort} dir={s.dir} href={sortHref} />
              <Th>Groups</Th>
              <Th>Source</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {list.rows.map((m) => {
                const name = memberDisplayName(m);
                const inv = invitations.get(m.id);
                return (
                  <tr key={m.id} className="hover:bg-zinc-50/70">
                    <Td>
                      <Link href={`/admin/users/${m.id}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                        {name}
                      </Link>
                      <p className="text-zinc-500">{m.email}</p>
                    </Td>
                    <Td>
                      <MemberStateBadge state={m.state} />
                      <p className="mt-1 text-xs whitespace-nowrap text-zinc-500">since {formatDate(m.stateChangedAt)}</p>
                      {m.state === "invited" && inv ? <InvitationNote status={inv.status} expiresAt={inv.expiresAt} /> : null}
                    </Td>
                    <Td className="text-zinc-700">{ROLE_LABEL[m.role]}</Td>
                    <Td>
                      {m.groups.length === 0 ? (
                        <span className="text-zinc-400">—</span>
                      ) : (
                        <span className="flex flex-wrap gap-1">
                          {m.groups.map((g) => (
                            <Badge key={g.id}>{g.name}</Badge>
                          ))}
                        </span>
                      )}
                    </Td>
                    <Td>
                      <SourceBadge source={m.source} />
                    </Td>
                    <Td className="text-right">
                      <MemberActions
                        scimEnabled={org.scimEnabled}
                        locks={memberLocks(actor, org, { userId: m.userId, role: m.role, source: m.source, name })}
                        member={{ id: m.id, name, email: m.email, state: m.state, role: m.role, source: m.source, invitation: inv?.status ?? null }}
                      />
                    </Td>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        )}
        <Pagination
          page={s.page}
          pageSize={USERS_PAGE_SIZE}
          total={list.total}
          totalIsCapped={list.totalIsCapped}
          href={(page) =>
            // Next and Previous carry the position of the edge row, so deep pages cost what the first one does.
            page === s.page + 1 && list.lastCursor
              ? usersHref(s, { page, after: list.lastCursor, before: undefined })
              : page === s.page - 1 && page > 1 && list.firstCursor
                ? usersHref(s, { page, before: list.firstCursor, after: undefined })
                : usersHref(s, { page })
          }
        />
      </Card>
    </>
  );
}
