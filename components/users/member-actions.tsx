"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { MemberInvitationState } from "@/lib/orgs/invitation-actions";
import { Button } from "../button";
import { ConfirmDialog, type ConfirmSpec } from "../confirm-action";
import { LockIcon } from "../icons";
import { RowMenu } from "../row-menu";

export interface MemberActionTarget {
  id: string;
  name: string;
  email: string;
  state: "invited" | "active" | "deactivated";
  role: "owner" | "admin" | "user";
  source: "scim" | "manual" | "operator";
  invitation: MemberInvitationState | null;
}

/** Why each action is unavailable, or null: the page asks lib/policy.ts per row (lib/orgs/member-locks.ts). */
export interface MemberActionLocks {
  deactivate: string | null;
  reactivate: string | null;
  remove: string | null;
}

export const IDP_MANAGED = "Managed by your identity provider";

interface Action extends ConfirmSpec {
  label: string;
  danger?: boolean;
  /** Why it is unavailable; shown, not hidden, so admins know where to go instead. */
  lockedBecause?: string;
}

/**
 * What an admin can do to a member. Invitations can always be resent or
 * revoked; deactivation, reactivation and removal are locked exactly when
 * the server would refuse them (the page passes the policy's answers and
 * reasons), shown rather than hidden. Every action is confirmed in a dialog.
 */
function actionsFor(member: MemberActionTarget, locks: MemberActionLocks, scimEnabled: boolean, afterRemove?: () => void): Action[] {
  const base = `/api/admin/members/${member.id}`;
  const who = <strong className="font-medium text-zinc-900">{member.name}</strong>;
  const actions: Action[] = [];
  if (member.state === "invited") {
    actions.push({
      label: "Resend invitation",
      title: `Resend the invitation to ${member.email}?`,
      description: <>A new link goes to {who}; any earlier link stops working. It is valid for 14 days.</>,
      confirmLabel: "Send invitation",
      confirmVariant: "primary",
      request: { url: `${base}/invitation`, method: "POST" },
    });
    if (member.invitation === "pending") {
      actions.push({
        label: "Revoke invitation",
        title: `Revoke the invitation to ${member.email}?`,
        description: (
          <>
            The link in their email stops working. {who} stays invited and keeps the reserved seat until you resend the invitation
            {scimEnabled ? "" : ", deactivate or remove them"}.
          </>
        ),
        confirmLabel: "Revoke invitation",
        request: { url: `${base}/invitation`, method: "DELETE" },
      });
    }
  }
  if (member.state === "deactivated") {
    actions.push({
      label: "Reactivate",
      title: `Reactivate ${member.email}?`,
      description: <>{who} takes a seat again and can sign in{member.invitation ? " once they accept their invitation" : ""}.</>,
      confirmLabel: "Reactivate",
      confirmVariant: "primary",
      request: { url: `${base}/active`, method: "POST", body: { active: true } },
      lockedBecause: locks.reactivate ?? undefined,
    });
  } else {
    actions.push({
      label: "Deactivate",
      danger: true,
      title: `Deactivate ${member.email}?`,
      description: (
        <>
          {who} is signed out at once, cannot sign in or host events, and their booking pages stop taking bookings. Their seat is
          freed. You can reactivate them later.
        </>
      ),
      confirmLabel: "Deactivate",
      request: { url: `${base}/active`, method: "POST", body: { active: false } },
      lockedBecause: locks.deactivate ?? undefined,
    });
  }
  actions.push({
    label: "Remove",
    danger: true,
    title: `Remove ${member.email} permanently?`,
    description: (
      <>
        {who} leaves the organisation with their event types and bookings here. This cannot be undone. To keep their data,
        deactivate them instead.
      </>
    ),
    confirmLabel: "Remove permanently",
    request: { url: base, method: "DELETE" },
    onDone: afterRemove,
    lockedBecause: locks.remove ?? undefined,
  });
  return actions;
}

export function MemberActions({
  member,
  locks,
  scimEnabled,
  afterRemove,
  layout = "menu",
}: {
  member: MemberActionTarget;
  locks: MemberActionLocks;
  /** Whether the IdP provisions people now: the row says who manages this person. */
  scimEnabled: boolean;
  /** Where to go once the member is removed (their own page no longer exists). */
  afterRemove?: string;
  /** A "⋯" menu for table rows, buttons for the member's own page. */
  layout?: "menu" | "buttons";
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Action | null>(null);
  const actions = actionsFor(member, locks, scimEnabled, afterRemove ? () => router.push(afterRemove) : undefined);
  const lockNote = [...new Set(actions.map((a) => a.lockedBecause).filter(Boolean))][0];
  const dialog = chosen ? <ConfirmDialog open onClose={() => setChosen(null)} spec={chosen} /> : null;
  if (layout === "buttons") {
    return (
      <div className="flex flex-wrap justify-end gap-1.5">
        {actions.map((a) => (
          <Button
            key={a.label}
            size="sm"
            disabled={Boolean(a.lockedBecause)}
            title={a.lockedBecause}
            aria-description={a.lockedBecause}
            onClick={() => setChosen(a)}
          >
            {a.label}
          </Button>
        ))}
        {dialog}
      </div>
    );
  }
  return (
    <div className="flex items-center justify-end gap-2">
      {scimEnabled ? (
        <span className="inline-flex items-center gap-1 text-xs whitespace-nowrap text-zinc-500" title={lockNote}>
          <LockIcon className="size-3.5" />
          {/* The owner is never removed, by the IdP or anyone: ownership moves first (the menu's note says how). */}
          {member.role === "owner" ? "Owner: transfer to remove" : member.source === "scim" ? IDP_MANAGED : "Remove through your IdP"}
        </span>
      ) : null}
      <RowMenu
        label="Actions"
        subject={member.name}
        note={lockNote}
        items={actions.map((a) => ({ label: a.label, tone: a.danger ? "danger" : undefined, disabled: Boolean(a.lockedBecause), onSelect: () => setChosen(a) }))}
      />
      {dialog}
    </div>
  );
}
