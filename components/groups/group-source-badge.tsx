import { Badge } from "../badge";
import { formatDate } from "../format";

/**
 * Who manages a group, truthfully: made by the IdP, made in Roster and
 * managed by the IdP since its first SCIM change (the date), kept from a user
 * attribute, or Roster's own.
 */
export function GroupSourceBadge({
  group,
  fromLabel,
}: {
  group: { managedByIdp: boolean; adoptedByIdpAt: Date | null };
  /** Set for a group Roster keeps from a user attribute ("department"). */
  fromLabel?: string | null;
}) {
  if (fromLabel) return <Badge tone="green">From {fromLabel}</Badge>;
  if (!group.managedByIdp) return <Badge>Created in Roster</Badge>;
  if (group.adoptedByIdpAt) {
    return (
      <span title={`Created in Roster; your identity provider took it over on ${formatDate(group.adoptedByIdpAt)} (UTC).`}>
        <Badge tone="brand">Managed by your IdP since {formatDate(group.adoptedByIdpAt)}</Badge>
      </span>
    );
  }
  return <Badge tone="brand">Managed by IdP</Badge>;
}
