import { actorLabel, actorUserId, type Actor } from "./actor";
import type { AuditSubject } from "./log";

/**
 * Audit entries written by a data-modifying CTE inside the statement that
 * makes the change (lib/orgs/member-change.ts, new-member.ts): the SCIM hot
 * path writes a member in one statement, and its audit entry travels with it
 * instead of costing a second round trip. The CTE reads the changed
 * membership from a CTE named `m` (org_id, id), so an entry exists only if
 * the change landed.
 */
export interface StatementAudit {
  actor: Actor;
  actions: string[];
  subject: AuditSubject;
}

/** The CTE body; its parameters are auditParams()'s. */
export const AUDIT_CTE = `insert into audit_log (org_id, actor_user_id, actor_label, actor_kind, action, target, subject_id, subject_name, subject_email)
  select m.org_id, $auditActorUserId::uuid, $auditActorLabel::text, $auditActorKind::text, a.action, $auditSubjectEmail::text, m.id, $auditSubjectName::text, $auditSubjectEmail::text
  from m cross join unnest($auditActions::text[]) as a(action)`;

export function auditParams(a: StatementAudit | undefined): Record<string, unknown> {
  return {
    auditActorUserId: a ? actorUserId(a.actor) : null,
    auditActorLabel: a ? actorLabel(a.actor) : "",
    auditActorKind: a?.actor.kind ?? "",
    auditActions: a?.actions ?? [],
    auditSubjectEmail: a?.subject.email ?? null,
    auditSubjectName: a?.subject.name ?? null,
  };
}
