import type { Metadata } from "next";
import { AddAdminForm } from "@/components/admins/add-admin-form";
import { TransferOwnership } from "@/components/admins/transfer-ownership";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { ConfirmAction } from "@/components/confirm-action";
import { formatDate } from "@/components/format";
import { MemberStateBadge } from "@/components/member-state-badge";
import { PageHeader } from "@/components/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { memberDisplayName } from "@/lib/orgs/member-list";
import { listAdmins } from "@/lib/orgs/member-lookup";

export const metadata: Metadata = { title: "Admin Management" };

export default async function AdminsPage() {
  const { org, membership: me } = await requireAdminPage();
  const admins = await listAdmins(await getDb(), org.id);
  const owner = admins.find((a) => a.role === "owner");
  const iAmOwner = me.role === "owner";
  const candidates = admins
    .filter((a) => a.role === "admin" && a.state === "active")
    .map((a) => ({ id: a.id, label: `${memberDisplayName(a)} (${a.email})` }));
  return (
    <>
      <PageHeader
        title="Admin Management"
        description="Owners and admins manage people, seats, single sign-on and provisioning. Everyone else is a user."
      />
      <Alert tone="info" title="Roles are set here, never by your identity provider" className="mb-6">
        SCIM provisioning adds and removes people but does not change what they may do in Roster, so an admin stays an admin
        whatever the IdP sends. The owner cannot be deactivated or removed, by the IdP or anyone else, until ownership is
        transferred.
      </Alert>
      <Card>
        <CardHeader
          title="Owner"
          description="Exactly one per organisation. Only the owner can transfer ownership; admins cannot change the owner."
          actions={iAmOwner ? <TransferOwnership orgName={org.name} candidates={candidates} /> : null}
        />
        {owner ? (
          <div className="flex items-center justify-between px-5 py-4 text-sm">
            <div>
              <p className="font-medium text-zinc-900">
                {memberDisplayName(owner)} {owner.id === me.id ? <span className="font-normal text-zinc-500">(you)</span> : null}
              </p>
              <p className="text-zinc-500">{owner.email}</p>
            </div>
            <Badge tone="brand">Owner</Badge>
          </div>
        ) : (
          <p className="px-5 py-4 text-sm text-rose-700">This organisation has no owner. Ask Roster support to assign one.</p>
        )}
        {iAmOwner && candidates.length === 0 ? (
          <p className="border-t border-zinc-100 px-5 py-3 text-xs text-zinc-500">
            To transfer ownership, first make the future owner an admin below.
          </p>
        ) : null}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Admins" description="They can do everything the owner can, except transfer ownership or change the owner." />
        {admins.filter((a) => a.role === "admin").length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600">No admins yet. Add one below.</p>
        ) : (
          <Table label="Admins">
            <THead>
              <Th>Name</Th>
              <Th>State</Th>
              <Th>Joined</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {admins
                .filter((a) => a.role === "admin")
                .map((a) => (
                  <tr key={a.id}>
                    <Td>
                      <p className="font-medium text-zinc-900">
                        {memberDisplayName(a)} {a.id === me.id ? <span className="font-normal text-zinc-500">(you)</span> : null}
                      </p>
                      <p className="text-zinc-500">{a.email}</p>
                    </Td>
                    <Td>
                      <MemberStateBadge state={a.state} />
                    </Td>
                    <Td className="text-zinc-600">{a.joinedAt ? formatDate(a.joinedAt) : "Not yet"}</Td>
                    <Td className="text-right">
                      <ConfirmAction
                        label="Remove admin role"
                        title={`Make ${a.email} a user?`}
                        description={`${memberDisplayName(a)} stays in ${org.name} but can no longer open the admin console.`}
                        confirmLabel="Make user"
                        request={{ url: `/api/admin/members/${a.id}/role`, body: { role: "user" } }}
                        disabled={a.id === me.id}
                        disabledReason="You cannot change your own role. Ask another admin or the owner."
                      />
                    </Td>
                  </tr>
                ))}
            </TBody>
          </Table>
        )}
        <div className="border-t border-zinc-100">
          <h3 className="px-5 pt-4 text-sm font-semibold text-zinc-900">Add an admin</h3>
          <AddAdminForm />
        </div>
      </Card>
    </>
  );
}
