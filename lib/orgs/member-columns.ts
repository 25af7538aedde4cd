import type { Membership, User } from "@/lib/db/schema";
import { toDate } from "@/lib/db/statement";

/**
 * Membership and account rows as statements (lib/db/statement.ts) return
 * them: the SQL aliases each column to its property name, so a row needs only
 * its timestamps converted.
 */
export const membershipColumns = (m: string) => `${m}.id, ${m}.org_id as "orgId", ${m}.user_id as "userId", ${m}.role, ${m}.state,
  ${m}.source, ${m}.slug, ${m}.user_name as "userName", ${m}.external_id as "externalId", ${m}.display_name as "displayName",
  ${m}.scim_attributes as "scimAttributes", ${m}.version, ${m}.state_changed_at as "stateChangedAt", ${m}.joined_at as "joinedAt",
  ${m}.created_at as "createdAt", ${m}.updated_at as "updatedAt"`;

type Timestamps<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends Date ? Date | string : Date | string | null };

export type MembershipColumns = Timestamps<Membership, "stateChangedAt" | "joinedAt" | "createdAt" | "updatedAt">;

export function membershipFrom(r: MembershipColumns): Membership {
  return {
    id: r.id,
    orgId: r.orgId,
    userId: r.userId,
    role: r.role,
    state: r.state,
    source: r.source,
    slug: r.slug,
    userName: r.userName,
    externalId: r.externalId,
    displayName: r.displayName,
    scimAttributes: r.scimAttributes,
    version: r.version,
    stateChangedAt: toDate(r.stateChangedAt),
    joinedAt: toDate(r.joinedAt),
    createdAt: toDate(r.createdAt),
    updatedAt: toDate(r.updatedAt),
  };
}

/** An account's columns, each prefixed `user.` so they can sit beside a membership's in one row. */
export const accountColumns = (u: string) => `${u}.id as "user.id", ${u}.email as "user.email", ${u}.given_name as "user.givenName",
  ${u}.family_name as "user.familyName", ${u}.origin as "user.origin", ${u}.time_zone as "user.timeZone",
  ${u}.email_verified_at as "user.emailVerifiedAt", ${u}.created_at as "user.createdAt", ${u}.updated_at as "user.updatedAt"`;

export type AccountColumns = { [K in keyof User as `user.${K & string}`]: User[K] extends Date ? Date | string : User[K] extends Date | null ? Date | string | null : User[K] };

export function accountFrom(r: AccountColumns): User {
  return {
    id: r["user.id"],
    email: r["user.email"],
    givenName: r["user.givenName"],
    familyName: r["user.familyName"],
    origin: r["user.origin"],
    timeZone: r["user.timeZone"],
    emailVerifiedAt: toDate(r["user.emailVerifiedAt"]),
    createdAt: toDate(r["user.createdAt"]),
    updatedAt: toDate(r["user.updatedAt"]),
  };
}

export interface MemberGroup {
  id: string;
  displayName: string;
}

/**
 * A member's groups by name, as a json column `groups`: SCIM's read-only `groups` attribute. Groups
 * Roster keeps from a user attribute are Roster's, not the IdP's: SCIM does not show them (docs/scim.md).
 */
export const memberGroupsColumn = (m: string) => `(select coalesce(json_agg(json_build_object('id', g.id, 'displayName', g.display_name) order by g.display_name), '[]'::json)
    from group_members gm join groups g on g.id = gm.group_id where gm.membership_id = ${m}.id and g.from_attribute is null) as groups`;
