import { Badge } from "../badge";

/** Who brought a member in, in words: the IdP over SCIM, an admin's invitation in Roster, or Roster's operator (an organisation's first owner). */
export const SOURCE_LABEL = {
  scim: "Provisioned by your IdP",
  manual: "Invited in Roster",
  operator: "Set up by Roster's operator",
} as const;

const SHORT = { scim: "IdP", manual: "Roster invite", operator: "Operator" } as const;

export function SourceBadge({ source }: { source: keyof typeof SOURCE_LABEL }) {
  return (
    <span title={SOURCE_LABEL[source]}>
      <Badge tone={source === "scim" ? "brand" : "gray"}>
        {SHORT[source]}
        <span className="sr-only"> ({SOURCE_LABEL[source]})</span>
      </Badge>
    </span>
  );
}
