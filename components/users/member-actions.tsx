"use client";

import { useRouter } from "next/navigation";
import { ConfirmAction } from "../confirm-action";
import type { InvitationStatus } from "@/lib/orgs/invitation-actions";

export interface MemberActionTarget {
  id: string;
  name: string;
  email: string;
  state: "invited" | "active" | "deactivated";
  role: "owner" | "admin" | "user";
  invitation: InvitationStatus | null;
}

export const IDP_MANAGED = "Managed by your identity provider";

/**
 * The row actions of the Users page. What is offered follows the domain's
 * rules (the server refuses the same things): invitations can always be
 * resent or revoked; deactivation and removal only while SCIM is off, never
 * for the owner; nobody removes themselves here.
 */
export function MemberActions({
  member,
  scimEnabled,
  isSelf,
  afterRemove,
}: {
  member: MemberActionTarget;
  scimEnabled: boolean;
  isSelf: boolean;
  /** Where to go once the member is removed (their own page no longer exists). */
  afterRemove?: string;
}) {
  const router = useRouter();
  const base = `/api/admin/members/${member.id}`;
  const who = <strong className="font-medium text-zinc-900">{member.name}</strong>;
  const lockReason = scimEnabled
    ? `${IDP_MANAGED}: deactivate or remove ${member.email} in your IdP.`
    : member.role === "owner"
      ? "The owner cannot be deactivated or removed. Transfer ownership first."
      : isSelf
        ? "You cannot deactivate or remove yourself."
        : undefined;
  const locked = Boolean(lockReason);
  return (
    <div className="flex flex-wrap justify-end gap-1.5">
      {member.state === "invited" ? (
        <>
          <ConfirmAction
            label="Resend invite"
            title={`Resend the invitation to ${member.email}?`}
            description={<>A new link goes to {who}. Any earlier link stops working. It is valid for 14 days.</>}
            confirmLabel="Send invitation"
            confirmVariant="primary"
            request={{ url: `${base}/invitation`, method: "POST" }}
          />
          {member.invitation === "pending" ? (
            <ConfirmAction
              label="Revoke invite"
              title={`Revoke the invitation to ${member.email}?`}
              description={
                <>
                  The link in their email stops working. {who} stays invited and keeps the reserved seat until you resend the
                  invitation{scimEnabled ? "" : ", deactivate or remove them"}.
                </>
              }
              confirmLabel="Revoke invitation"
              request={{ url: `${base}/invitation`, method: "DELETE" }}
            />
          ) : null}
        </>
      ) : null}
      {member.state === "deactivated" ? (
        <ConfirmAction
          label="Reactivate"
          title={`Reactivate ${member.email}?`}
          description={<>{who} takes a seat again and can sign in{member.invitation ? " once they accept their invitation" : ""}.</>}
          confirmLabel="Reactivate"
          confirmVariant="primary"
          request={{ url: `${base}/active`, method: "POST", body: { active: true } }}
          disabled={scimEnabled}
          disabledReason={scimEnabled ? `${IDP_MANAGED}: reactivate ${member.email} in your IdP.` : undefined}
        />
      ) : (
        <ConfirmAction
          label="Deactivate"
          title={`Deactivate ${member.email}?`}
          description={
            <>
              {who} is signed out at once, cannot sign in or host events, and their booking pages stop taking bookings. Their
              seat is freed. You can reactivate them later.
            </>
          }
          confirmLabel="Deactivate"
          request={{ url: `${base}/active`, method: "POST", body: { active: false } }}
          disabled={locked}
          disabledReason={lockReason}
        />
      )}
      <ConfirmAction
        label="Remove"
        title={`Remove ${member.email} permanently?`}
        description={
          <>
            {who} leaves the organisation with their event types and bookings here. This cannot be undone. To keep their data,
            deactivate them instead.
          </>
        }
        confirmLabel="Remove permanently"
        request={{ url: base, method: "DELETE" }}
        onDone={afterRemove ? () => router.push(afterRemove) : undefined}
        disabled={locked}
        disabledReason={lockReason}
      />
    </div>
  );
}
