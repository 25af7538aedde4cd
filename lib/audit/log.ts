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

/** Appends to the admin audit trail; call it inside the transaction of the change it records. */
export async function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: input.orgId,
    actorUserId: actorUserId(input.actor),
    actorLabel: actorLabel(input.actor),
    action: input.action,
    target: input.target ?? null,
    details: input.details ?? {},
  });
}
