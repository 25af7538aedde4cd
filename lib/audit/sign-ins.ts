import type { Executor } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { personName } from "./log";

/**
 * Sign-ins in the audit trail: who signed in to which organisation and how,
 * and who was refused and why. The person is both the actor and the subject
 * (their name and email as they were then). An email link used while the
 * organisation has SSO is the break-glass way in, recorded as such.
 */
type SignInAction = "signin.sso" | "signin.email_link" | "signin.break_glass" | "signin.refused";

export interface SignInEntry {
  orgId: string;
  action: SignInAction;
  email: string;
  /** The account, when there is one (a refused stranger has none). */
  user?: { id: string; givenName?: string | null; familyName?: string | null } | null;
  membershipId?: string | null;
  displayName?: string | null;
  /** For a refusal: the reason code (lib/sso/refusals.ts, lib/auth/sign-in-rules.ts) and the way they tried. */
  details?: { reason: string; method: "sso" | "email_link" };
}

export async function recordSignIn(ex: Executor, e: SignInEntry): Promise<void> {
  await ex.insert(auditLog).values({
    orgId: e.orgId,
    actorUserId: e.user?.id ?? null,
    actorLabel: e.email,
    actorKind: "user",
    action: e.action,
    target: e.email,
    subjectId: e.membershipId ?? null,
    subjectName: e.user ? personName({ ...e.user, displayName: e.displayName }) : null,
    subjectEmail: e.email,
    details: e.details ?? {},
  });
}
