import { and, asc, desc, eq, gt, or, sql } from "drizzle-orm";
import { auditSentence } from "@/lib/audit/sentences";
import type { Executor } from "@/lib/db";
import { auditLog, memberships, provisioningLog, users } from "@/lib/db/schema";
import { guideFor, type IdpId } from "./idp-guides";
import { idpFromUserAgent } from "./idp-user-agent";

/**
 * What the setup guide's live panel shows: the newest SCIM request of the
 * organisation, said the way people read it ("Okta · created Ana Ruiz"). The
 * panel polls this every half second until something has come, so each read
 * is one row off the (org_id, at) index and, for a person, one join by
 * primary key.
 */
export interface FirstRequest {
  /** The IdP by its user agent; null when the client sent none. */
  idp: IdpId | null;
  idpName: string;
  /** "created Ana Ruiz", "looked up people", "deactivated ana@acme.example"… */
  summary: string;
  status: number;
  ok: boolean;
  /** Roster's reason when it refused, as the IdP read it. */
  detail: string | null;
  at: Date;
}

/**
 * For the guide of an IdP without SCIM (Google Workspace): the first request that IdP sends is a SAML
 * response, so the panel turns on the first sign-in through single sign-on, let in or refused, said as
 * the audit trail says it ("Gia Lopez signed in with SSO").
 */
export interface FirstSignIn {
  sentence: string;
  ok: boolean;
  at: Date;
}

const VERBS: Record<string, [done: string, refused: string]> = {
  create: ["created", "create"],
  replace: ["updated", "update"],
  patch: ["updated", "update"],
  delete: ["deleted", "delete"],
  get: ["looked up", "look up"],
  list: ["looked up", "look up"],
  search: ["looked up", "look up"],
  bulk: ["sent a bulk request for", "send a bulk request for"],
};

/** "patch: replace active" with `active` false reads better as what it did; the log keeps the operations, not the values. */
function verb(operation: string | null, ok: boolean): string {
  const kind = (operation ?? "").split(/[:\s]/)[0] ?? "";
  const pair = VERBS[kind];
  if (!pair) return ok ? "read" : "could not read";
  return ok ? pair[0] : `could not ${pair[1]}`;
}

export function describeRequest(p: {
  operation: string | null;
  status: number;
  target: string | null;
  resourceType: string | null;
  personName: string | null;
}): string {
  const ok = p.status < 400;
  const who = p.personName ?? p.target ?? (p.resourceType === "Group" ? "groups" : p.resourceType === "User" ? "people" : "Roster's settings");
  return `${verb(p.operation, ok)} ${who}`;
}

export async function latestProvisioningRequest(db: Executor, orgId: string): Promise<FirstRequest | null> {
  const [row] = await db
    .select({
      userAgent: provisioningLog.userAgent,
      operation: provisioningLog.operation,
      status: provisioningLog.status,
      target: provisioningLog.target,
      resourceType: provisioningLog.resourceType,
      detail: provisioningLog.detail,
      at: provisioningLog.at,
      givenName: users.givenName,
      familyName: users.familyName,
    })
    .from(provisioningLog)
    // The person's name when the request was about one who still exists; scoped to the org like the row itself.
    .leftJoin(memberships, and(eq(memberships.id, provisioningLog.resourceId), eq(memberships.orgId, orgId), eq(provisioningLog.resourceType, "User")))
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(eq(provisioningLog.orgId, orgId))
    .orderBy(desc(provisioningLog.at))
    .limit(1);
  if (!row) return null;
  const idp = idpFromUserAgent(row.userAgent);
  const personName = `${row.givenName ?? ""} ${row.familyName ?? ""}`.trim() || null;
  return {
    idp,
    idpName: idp ? guideFor(idp).name : "A SCIM client",
    summary: describeRequest({ ...row, personName }),
    status: row.status,
    ok: row.status < 400,
    detail: row.detail,
    at: row.at,
  };
}

/** The first SSO sign-in (or SSO refusal) of the organisation since `since`: off the audit trail's (org_id, at) index. */
export async function firstSsoSignInSince(db: Executor, orgId: string, since: Date): Promise<FirstSignIn | null> {
  const [row] = await db
    .select({
      action: auditLog.action,
      actorLabel: auditLog.actorLabel,
      actorKind: auditLog.actorKind,
      target: auditLog.target,
      subjectName: auditLog.subjectName,
      subjectEmail: auditLog.subjectEmail,
      details: auditLog.details,
      at: auditLog.at,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        gt(auditLog.at, since),
        or(eq(auditLog.action, "signin.sso"), and(eq(auditLog.action, "signin.refused"), sql`${auditLog.details}->>'method' = 'sso'`)),
      ),
    )
    .orderBy(asc(auditLog.at))
    .limit(1);
  if (!row) return null;
  return { sentence: auditSentence(row), ok: row.action === "signin.sso", at: row.at };
}
