import type { Membership } from "@/lib/db/schema";

/**
 * Who is making a change. Domain functions take an Actor so that one policy
 * (lib/policy.ts) and one audit trail serve every face of the app.
 */
export type Actor =
  | {
      kind: "user";
      userId: string;
      email: string;
      /** Their membership as this request read it (lib/auth/viewer.ts), null for a personal account: the policy's facts about them. */
      membership: ActingMembership | null;
    }
  /** `name`: the SCIM token's name ("Okta"), how the trail names the IdP. */
  | { kind: "scim"; tokenId: string | null; name?: string | null }
  | { kind: "operator" }
  | { kind: "system"; reason: string };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.email;
    case "scim":
      return actor.name?.trim() || "Identity provider (SCIM)";
    case "operator":
      return "Operator CLI";
    case "system":
      return `Roster (${actor.reason})`;
  }
}

export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);

/** What the policy needs to know about the person acting. */
export type ActingMembership = Pick<Membership, "id" | "orgId" | "role" | "state">;
