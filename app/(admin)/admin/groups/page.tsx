import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { ConfirmAction } from "@/components/confirm-action";
import { EmptyState } from "@/components/empty-state";
import { formatDate, plural } from "@/components/format";
import { GroupNameDialog } from "@/components/groups/group-name-dialog";
import { GroupSourceBadge } from "@/components/groups/group-source-badge";
import { PageHeader } from "@/components/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import { requireAdminPage, viewerActor } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { AttributeGroupsPanel } from "@/components/groups/attribute-groups";
import { attributeGroupReason, IDP_GROUP } from "@/components/groups/labels";
import { ATTRIBUTE_LABELS, attributeGroupsStatus, isAttributeGroupSource } from "@/lib/orgs/attribute-groups";
import { listGroupsWithCounts } from "@/lib/orgs/group-admin";
import { may } from "@/lib/policy";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  const viewer = await requireAdminPage();
  const { org } = viewer;
  const db = await getDb();
  const [rows, status] = await Promise.all([listGroupsWithCounts(db, org.id), attributeGroupsStatus(db, org.id)]);
  const labelOf = (a: string) => (isAttributeGroupSource(a) ? ATTRIBUTE_LABELS[a] : a);
  // The policy's answer, shown before anyone tries (the domain asks it again when the change arrives).
  const locked = (g: { name: string; managedByIdp: boolean; fromAttribute: string | null }) =>
    may(viewerActor(viewer), "group.change", { org, group: { displayName: g.name, managedByIdp: g.managedByIdp, fromAttribute: g.fromAttribute } })
      ? undefined
      : g.fromAttribute
        ? attributeGroupReason(labelOf(g.fromAttribute))
        : IDP_GROUP;
  const options = Object.entries(ATTRIBUTE_LABELS).map(([value, label]) => ({ value, label: label[0]!.toUpperCase() + label.slice(1) }));
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups stand for departments and teams. Managed event types can be given to a group; its members get them."
        actions={<GroupNameDialog mode="create" variant="primary" size="md" />}
      />
      {org.scimEnabled ? (
        <Alert tone="info" className="mb-6" title="Groups from your identity provider are read-only here">
          While SCIM provisioning is on, your IdP creates, renames and deletes its groups and sets who is in them. Groups you
          create in Roster stay editable.
        </Alert>
      ) : null}
      <AttributeGroupsPanel
        options={options}
        current={status.attribute ? { attribute: status.attribute, label: labelOf(status.attribute), groups: status.groups, people: status.people } : null}
      />
      {rows.length === 0 ? (
        <EmptyState title="No groups yet" action={<GroupNameDialog mode="create" variant="primary" size="md" />}>
          {org.scimEnabled
            ? "Push groups from your identity provider (Okta: Push Groups; Entra ID: assign groups to the app), or create one here."
            : "Create a group for each department, then add people to it."}
        </EmptyState>
      ) : (
        <Card>
          <Table label="Groups">
            <THead>
              <Th>Group</Th>
              <Th>Members</Th>
              <Th>Source</Th>
              <Th>Created</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {rows.map((g) => (
                <tr key={g.id} className="hover:bg-zinc-50/70">
                  <Td>
                    <Link href={`/admin/groups/${g.id}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                      {g.name}
                    </Link>
                  </Td>
                  <Td className="text-zinc-700">{plural(g.members, "member")}</Td>
                  <Td>
                    <GroupSourceBadge group={g} fromLabel={g.fromAttribute ? labelOf(g.fromAttribute) : null} />
                  </Td>
                  <Td className="text-zinc-600">{formatDate(g.createdAt)}</Td>
                  <Td className="text-right">
                    <div className="flex justify-end gap-1.5">
                      <GroupNameDialog mode="rename" groupId={g.id} current={g.name} disabledReason={locked(g)} />
                      <ConfirmAction
                        label="Delete"
                        title={`Delete the group “${g.name}”?`}
                        description={`Its ${plural(g.members, "member")} stay in ${org.name}; they lose the managed event types they had only through this group.`}
                        confirmLabel="Delete group"
                        request={{ url: `/api/admin/groups/${g.id}`, method: "DELETE" }}
                        disabled={Boolean(locked(g))}
                        disabledReason={locked(g)}
                      />
                    </div>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </>
  );
}
