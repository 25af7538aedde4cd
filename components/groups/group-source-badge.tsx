import { Badge } from "../badge";
import { formatDate } from "../format";

/**
 * Who manages a group, truthfully: made by the IdP, made in Roster and
 * managed by the IdP since its first SCIM change (the date), or Roster's own.
 */
export function GroupSourceBadge({ group }: { group: { managedByIdp: boolean; adoptedByIdpAt: Date | null } }) {
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
