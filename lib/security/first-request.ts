import { and, desc, eq, gt } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { memberships, provisioningLog, users } from "@/lib/db/schema";
import { guideFor, idpFromUserAgent, type IdpId } from "./idp-guides";

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

/** A first sign-in through single sign-on (an invited person joining), for the guide of an IdP without SCIM. */
export interface FirstSignIn {
  name: string;
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

/**
 * The newest person to sign in for the first time since `since`: their invitation
 * turned them active. Read off the (org_id, state, state_changed_at) index.
 */
export async function firstSignInSince(db: Executor, orgId: string, since: Date): Promise<FirstSignIn | null> {
  const [row] = await db
    .select({ givenName: users.givenName, familyName: users.familyName, email: users.email, at: memberships.joinedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, orgId),
        eq(memberships.state, "active"),
        gt(memberships.stateChangedAt, since),
        gt(memberships.joinedAt, since),
      ),
    )
    .orderBy(desc(memberships.stateChangedAt))
    .limit(1);
  if (!row?.at) return null;
  return { name: `${row.givenName ?? ""} ${row.familyName ?? ""}`.trim() || row.email, at: row.at };
}
