import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { HostBookings } from "@/components/events/host-bookings";
import { formatDate, formatDateTime } from "@/components/format";
import { MemberStateBadge } from "@/components/member-state-badge";
import { PageHeader } from "@/components/page-header";
import { ProvisioningLogTable } from "@/components/security/provisioning-log-table";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import { IDP_MANAGED, MemberActions } from "@/components/users/member-actions";
import { InvitationNote } from "@/components/users/invitation-note";
import { SOURCE_LABEL } from "@/components/users/source-badge";
import { memberTimeline } from "@/lib/audit/provisioning";
import { listAuditLog } from "@/lib/audit/queries";
import { auditSentence } from "@/lib/audit/sentences";
import { requireAdminPage, viewerActor } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listHostBookings } from "@/lib/events/host-bookings";
import { invitationStatuses } from "@/lib/orgs/invitation-actions";
import { memberLocks } from "@/lib/orgs/member-locks";
import { memberDisplayName } from "@/lib/orgs/member-list";
import { getMember } from "@/lib/orgs/member-lookup";

export const metadata: Metadata = { title: "User" };

const BOOKINGS_SHOWN = 20;

const ROLE = { owner: "Owner", admin: "Admin", user: "User" } as const;

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireAdminPage();
  const { org } = viewer;
  const { id } = await params;
  const db = await getDb();
  const member = await getMember(db, org.id, id);
  if (!member) notFound();
  const [timeline, audit, invitations, meetings] = await Promise.all([
    memberTimeline(db, { orgId: org.id, membershipId: member.id, names: [member.userName, member.email] }),
    listAuditLog(db, { orgId: org.id, target: member.email, limit: 20 }),
    invitationStatuses(db, org.id, [member.id]),
    listHostBookings(db, { orgId: org.id, membershipId: member.id, limit: BOOKINGS_SHOWN }),
  ]);
  const name = memberDisplayName(member);
  const inv = invitations.get(member.id);
  return (
    <>
      <PageHeader
        back={{ href: "/admin/users", label: "Users" }}
        title={name}
        description={member.email}
        actions={
          <MemberActions
            scimEnabled={org.scimEnabled}
            locks={memberLocks(viewerActor(viewer), org, { userId: member.userId, role: member.role, source: member.source, name })}
            afterRemove="/admin/users"
            layout="buttons"
            member={{
              id: member.id,
              name,
              email: member.email,
              state: member.state,
              role: member.role,
              source: member.source,
              invitation: inv?.status ?? null,
            }}
          />
        }
      />
      {org.scimEnabled ? (
        <Alert
          tone="info"
          className="mb-6"
          title={member.source === "scim" ? IDP_MANAGED : "Deactivated and removed through your identity provider while SCIM is on"}
        >
          {member.source === "scim"
            ? `Name, email, group membership, deactivation and removal of ${name} come from your identity provider. Change them there.`
            : `${name} was invited in Roster, not provisioned by your identity provider, but while SCIM is on only your IdP deactivates and removes people. To remove ${name}, assign them to Roster in your IdP and then unassign them there, or turn SCIM off on the Security page.`}
        </Alert>
      ) : null}
      <Card>
        <CardHeader title="Details" />
        <dl className="grid grid-cols-1 gap-x-8 gap-y-4 px-5 py-5 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="State">
            <MemberStateBadge state={member.state} /> <span className="text-zinc-500">since {formatDate(member.stateChangedAt)}</span>
            {member.state === "invited" && inv ? <InvitationNote status={inv.status} expiresAt={inv.expiresAt} /> : null}
          </Fact>
          <Fact label="Role">
            {ROLE[member.role]}{" "}
            <Link href="/admin/admins" className="text-xs font-medium text-brand-700 hover:underline">
              Manage
            </Link>
          </Fact>
          <Fact label="Source">{SOURCE_LABEL[member.source]}</Fact>
          <Fact label="Username (SCIM userName)">
            <span className="break-all">{member.userName}</span>
          </Fact>
          <Fact label="External id">{member.externalId ?? <span className="text-zinc-400">—</span>}</Fact>
          <Fact label="Joined">{member.joinedAt ? formatDate(member.joinedAt) : "Has not accepted the invitation yet"}</Fact>
          <Fact label="Added">{formatDate(member.createdAt)}</Fact>
          <Fact label="Groups">
            {member.groups.length ? (
              <span className="flex flex-wrap gap-1">
                {member.groups.map((g) => (
                  <Link key={g.id} href={`/admin/groups/${g.id}`}>
                    <Badge>{g.name}</Badge>
                  </Link>
                ))}
              </span>
            ) : (
              <span className="text-zinc-400">None</span>
            )}
          </Fact>
        </dl>
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Bookings"
          description={
            member.state === "deactivated"
              ? `${name} is deactivated, so nobody can book them now; meetings booked before still stand until you cancel them (the booker is emailed).`
              : `Meetings people booked with ${name} (UTC). Cancelling one emails the person who booked it.`
          }
        />
        <HostBookings {...meetings} timeZone="UTC" hostName={name} limit={BOOKINGS_SHOWN} self={false} />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Provisioning timeline" description="What your identity provider did for this person, newest first (UTC)." />
        <ProvisioningLogTable
          rows={timeline}
          empty={
            member.source === "scim"
              ? "No requests recorded for this person."
              : "This person was not provisioned by your identity provider, and it has not changed them since."
          }
        />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Audit trail" description="Changes to this member and their sign-ins, whoever made them (UTC)." />
        {audit.rows.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600">Nothing recorded about this member yet.</p>
        ) : (
          <Table label="Audit trail of this member">
            <THead>
              <Th>When</Th>
              <Th>What happened</Th>
            </THead>
            <TBody>
              {audit.rows.map((a) => (
                <tr key={a.id}>
                  <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(a.at)}</Td>
                  <Td className="text-zinc-900">{auditSentence(a)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="mt-1 text-zinc-900">{children}</dd>
    </div>
  );
}
