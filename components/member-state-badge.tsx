import type { MemberState } from "@/lib/orgs/member-list";
import { Badge } from "./badge";

const TONE = { active: "green", invited: "amber", deactivated: "gray" } as const;
const LABEL = { active: "Active", invited: "Invited", deactivated: "Deactivated" } as const;

export function MemberStateBadge({ state }: { state: MemberState }) {
  return <Badge tone={TONE[state]}>{LABEL[state]}</Badge>;
}
