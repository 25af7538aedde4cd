import type { MemberInvitationState } from "@/lib/orgs/invitation-actions";
import { formatDate } from "../format";

/** Under an invited member's state: whether the link in their email still works. */
export function InvitationNote({ status, expiresAt }: { status: MemberInvitationState; expiresAt: Date | null }) {
  if (status === "pending" && expiresAt) return <p className="text-xs whitespace-nowrap text-zinc-500">link expires {formatDate(expiresAt)}</p>;
  if (status === "expired") return <p className="text-xs font-medium text-amber-700">invitation expired: resend it</p>;
  if (status === "revoked") return <p className="text-xs font-medium text-amber-700">invitation revoked</p>;
  return null;
}
