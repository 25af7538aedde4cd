import type { Executor } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { actorLabel, actorUserId, type Actor } from "./actor";

export interface AuditInput {
  orgId: string;
  actor: Actor;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends to the admin audit trail; call it inside the transaction of the
 * change it records, whoever made it. The trail is what people, the operator
 * and Roster itself did: the IdP's changes are recorded, request by request,
 * in the provisioning log (lib/scim/log.ts), so they are not repeated here.
 */
export async function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  if (!recordedHere(input.actor)) return;
  await tx.insert(auditLog).values({
    orgId: input.orgId,
    actorUserId: actorUserId(input.actor),
    actorLabel: actorLabel(input.actor),
    action: input.action,
    target: input.target ?? null,
    details: input.details ?? {},
  });
}

/** Whose changes the audit trail records (see recordAudit). */
export const recordedHere = (actor: Actor): boolean => actor.kind !== "scim";
