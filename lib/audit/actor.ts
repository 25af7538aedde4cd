/**
 * Who is making a change. Domain functions take an Actor so that one rule
 * ("while SCIM is on, only the IdP removes people") and one audit trail serve
 * every face of the app.
 */
export type Actor =
  | { kind: "user"; userId: string; email: string }
  | { kind: "scim"; tokenId: string | null }
  | { kind: "operator" }
  | { kind: "system"; reason: string };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.email;
    case "scim":
      return "Identity provider (SCIM)";
    case "operator":
      return "Operator CLI";
    case "system":
      return `Roster (${actor.reason})`;
  }
}

export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);
