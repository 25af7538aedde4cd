import type { Actor } from "@/lib/audit/actor";
import type { MemberSource, Role } from "@/lib/db/schema";
import { refusal, type OrgFacts } from "@/lib/policy";

/** Why each of an admin's actions on a member is unavailable (null: allowed), as the server would refuse it. */
export interface MemberLocks {
  deactivate: string | null;
  reactivate: string | null;
  remove: string | null;
}

const VERB = { deactivate: "deactivates", reactivate: "reactivates", remove: "removes" } as const;

/**
 * The Users pages' per-row answers from lib/policy.ts, so what the page locks
 * is exactly what the server refuses. One sentence is the page's own: while
 * SCIM is on, a person added in Roster (not by the IdP) is still the IdP's to
 * deactivate or remove, and the admin needs to be told how (PRODUCT.md: removal
 * only through the IdP while SCIM is on).
 */
export function memberLocks(
  actor: Actor,
  org: OrgFacts,
  member: { userId: string; role: Role; source: MemberSource; name: string },
): MemberLocks {
  const facts = { userId: member.userId, role: member.role };
  const lock = (kind: keyof MemberLocks): string | null => {
    const action = `member.${kind}` as const;
    const why = refusal(actor, action, { org, member: facts });
    // Refused only because SCIM is on: say what to do in the IdP.
    const onlyScim = why !== null && org.scimEnabled && refusal(actor, action, { org: { ...org, scimEnabled: false }, member: facts }) === null;
    if (!onlyScim) return why;
    if (member.source === "scim") return `Managed by your identity provider: ${kind} ${member.name} there.`;
    return `${member.name} was added in Roster, not by your identity provider, but while SCIM is on only your IdP ${VERB[kind]} people. Assign ${member.name} to Roster in your IdP, then ${kind === "reactivate" ? "activate" : "unassign"} them there; or turn SCIM off on the Security page.`;
  };
  return { deactivate: lock("deactivate"), reactivate: lock("reactivate"), remove: lock("remove") };
}
