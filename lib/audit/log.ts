import type { Executor } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { actorLabel, actorUserId, type Actor } from "./actor";

/** Who an entry is about, as they are at the time of the change (kept after they are deleted). */
export interface AuditSubject {
  id?: string | null;
  name?: string | null;
  email?: string | null;
}

export interface AuditInput {
  orgId: string;
  actor: Actor;
  action: string;
  target?: string | null;
  subject?: AuditSubject | null;
  details?: Record<string, unknown>;
}

/** A person's name as people read it: given and family name, else null (the email stands in). */
export function personName(p: { givenName?: string | null; familyName?: string | null; displayName?: string | null }): string | null {
  const full = [p.givenName, p.familyName].filter((x) => x && x.trim()).join(" ").trim();
  return p.displayName?.trim() || full || null;
}

/**
 * Appends to the audit trail; call it inside the transaction of the change it
 * records, whoever made it (people, the IdP, the operator, Roster itself), so
 * the change and its record commit or vanish together. One insert, no read:
 * on the SCIM path it is the only extra statement the request pays.
 */
export async function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  const s = input.subject;
  await tx.insert(auditLog).values({
    orgId: input.orgId,
    actorUserId: actorUserId(input.actor),
    actorLabel: actorLabel(input.actor),
    actorKind: input.actor.kind,
    action: input.action,
    target: input.target ?? s?.email ?? null,
    subjectId: s?.id ?? null,
    subjectName: s?.name ?? null,
    subjectEmail: s?.email ?? null,
    details: input.details ?? {},
  });
}
