import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/alert";
import { Card, CardHeader } from "@/components/card";
import { ConfirmAction } from "@/components/confirm-action";
import { formatDate, plural } from "@/components/format";
import { AddGroupMember } from "@/components/groups/add-group-member";
import { GroupNameDialog } from "@/components/groups/group-name-dialog";
import { GroupSourceBadge } from "@/components/groups/group-source-badge";
import { MemberStateBadge } from "@/components/member-state-badge";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import { requireAdminPage, viewerActor } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { findGroup, listGroupMembers } from "@/lib/orgs/group-admin";
import { memberDisplayName } from "@/lib/orgs/member-list";
import { may } from "@/lib/policy";
import { attributeGroupReason, IDP_GROUP } from "@/components/groups/labels";
import { ATTRIBUTE_LABELS, isAttributeGroupSource } from "@/lib/orgs/attribute-groups";

export const metadata: Metadata = { title: "Group" };

const PAGE_SIZE = 50;

export default async function GroupPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireAdminPage();
  const { org } = viewer;
  const { id } = await params;
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const db = await getDb();
  const group = await findGroup(db, org.id, id);
  if (!group) notFound();
  const members = await listGroupMembers(db, { orgId: org.id, groupId: group.id, page, pageSize: PAGE_SIZE });
  // The policy's answer, shown before anyone tries (the domain asks it again when the change arrives).
  const from = group.fromAttribute && isAttributeGroupSource(group.fromAttribute) ? ATTRIBUTE_LABELS[group.fromAttribute] : group.fromAttribute;
  const locked = may(viewerActor(viewer), "group.change", { org, group }) ? undefined : from ? attributeGroupReason(from) : IDP_GROUP;
  return (
    <>
      <PageHeader
        back={{ href: "/admin/groups", label: "Groups" }}
        title={group.displayName}
        description={`${plural(members.total, "member")}${group.externalId ? ` · IdP id ${group.externalId}` : ""}`}
        actions={
          <>
            {from || group.managedByIdp ? <GroupSourceBadge group={group} fromLabel={from} /> : null}
            <GroupNameDialog mode="rename" groupId={group.id} current={group.displayName} size="md" disabledReason={locked} />
          </>
        }
      />
      {from ? (
        <Alert tone="info" className="mb-6" title={`Read-only: follows each person’s ${from}`}>
          Roster keeps this group from the {from} your identity provider sends: everyone whose {from} is “{group.displayName}” is in
          it, and people move when the IdP changes their {from}. Managed event types can be given to it like to any group. To edit it
          by hand, turn off groups from the {from} on the Groups page.
        </Alert>
      ) : locked ? (
        <Alert tone="info" className="mb-6" title="Read-only: managed by your identity provider">
          {group.adoptedByIdpAt
            ? `This group was made in Roster, but your identity provider has managed it since ${formatDate(group.adoptedByIdpAt)} (its first change to the group over SCIM), and SCIM provisioning is on, so the IdP decides its name and members. Change it there; the change shows here at the next sync.`
            : "SCIM provisioning is on and this group comes from your IdP, which decides its name and members. Change it there; the change shows here at the next sync."}
        </Alert>
      ) : null}
      <Card>
        <CardHeader title="Members" />
        {locked ? null : (
          <div className="border-b border-zinc-100">
            <AddGroupMember groupId={group.id} />
          </div>
        )}
        {members.rows.length === 0 ? (
          <p className="px-5 py-6 text-sm text-zinc-600">{page > 1 ? "No members on this page." : "Nobody is in this group yet."}</p>
        ) : (
          <Table label="Group members">
            <THead>
              <Th>Name</Th>
              <Th>State</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {members.rows.map((m) => (
                <tr key={m.id}>
                  <Td>
                    <Link href={`/admin/users/${m.id}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                      {memberDisplayName(m)}
                    </Link>
                    <p className="text-zinc-500">{m.email}</p>
                  </Td>
                  <Td>
                    <MemberStateBadge state={m.state} />
                  </Td>
                  <Td className="text-right">
                    <ConfirmAction
                      label="Remove from group"
                      title={`Remove ${m.email} from “${group.displayName}”?`}
                      description="They stay in the organisation, and lose managed event types they had only through this group."
                      confirmLabel="Remove from group"
                      request={{ url: `/api/admin/groups/${group.id}/members/${m.id}`, method: "DELETE" }}
                      disabled={Boolean(locked)}
                      disabledReason={locked}
                    />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination page={page} pageSize={PAGE_SIZE} total={members.total} href={(p) => `/admin/groups/${group.id}?page=${p}`} />
      </Card>
    </>
  );
}
