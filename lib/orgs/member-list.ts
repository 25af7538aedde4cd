import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { groupMembers, groups, memberships, users, type MemberSource, type MemberState, type Role } from "@/lib/db/schema";

export const MEMBER_SORTS = ["name", "email", "state", "role", "created"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export type SortDir = "asc" | "desc";

export interface MemberListQuery {
  orgId: string;
  search?: string;
  state?: MemberState;
  role?: Role;
  groupId?: string;
  sort?: MemberSort;
  dir?: SortDir;
  page: number;
  pageSize: number;
  /** Where counting stops; COUNT_CAP unless a test wants a small one. */
  countCap?: number;
}

export interface MemberRow {
  id: string;
  email: string;
  userName: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  role: Role;
  state: MemberState;
  source: MemberSource;
  stateChangedAt: Date;
  joinedAt: Date | null;
  createdAt: Date;
  groups: { id: string; name: string }[];
}

export interface MemberList {
  rows: MemberRow[];
  /** Matching members, exact up to COUNT_CAP; beyond it `totalIsCapped` is set and the total reads "10,000+". */
  total: number;
  totalIsCapped: boolean;
}

/**
 * Counting every match of a broad search over 100,000 members costs more than
 * the page itself, and nobody pages past the ten-thousandth match: counting
 * stops there (see docs/admin-console.md for the measurements).
 */
export const COUNT_CAP = 10_000;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What the Users page shows as the name, so sorting by name matches what people read. */
export const memberDisplayName = (m: Pick<MemberRow, "displayName" | "givenName" | "familyName" | "email">) =>
  m.displayName || [m.givenName, m.familyName].filter(Boolean).join(" ") || m.email;

const nameKey = sql`lower(coalesce(nullif(${memberships.displayName}, ''), nullif(trim(coalesce(${users.givenName}, '') || ' ' || coalesce(${users.familyName}, '')), ''), ${users.email}))`;

function orderBy(sort: MemberSort, dir: SortDir): SQL[] {
  const d = dir === "desc" ? desc : asc;
  switch (sort) {
    case "name":
      return [d(nameKey), d(memberships.id)];
    case "email":
      return [d(sql`lower(${users.email})`), d(memberships.id)];
    case "state":
      return [d(memberships.state), d(memberships.stateChangedAt), d(memberships.id)];
    case "role":
      return [d(memberships.role), d(nameKey), d(memberships.id)];
    case "created":
      return [d(memberships.createdAt), d(memberships.id)];
  }
}

function whereOf(q: MemberListQuery): SQL {
  const filters: SQL[] = [eq(memberships.orgId, q.orgId)];
  if (q.state) filters.push(eq(memberships.state, q.state));
  if (q.role) filters.push(eq(memberships.role, q.role));
  if (q.groupId) {
    filters.push(
      sql`exists (select 1 from ${groupMembers} where ${groupMembers.groupId} = ${q.groupId} and ${groupMembers.membershipId} = ${memberships.id})`,
    );
  }
  const term = q.search?.trim();
  if (term) {
    const like = `%${escapeLike(term)}%`;
    filters.push(
      or(
        ilike(users.email, like),
        ilike(sql`coalesce(${users.givenName}, '') || ' ' || coalesce(${users.familyName}, '')`, like),
        ilike(memberships.displayName, like),
        ilike(memberships.userName, like),
      )!,
    );
  }
  return and(...filters)!;
}

/** One page of an organisation's members: filtered, sorted, paged and counted in the database. */
export async function listMembers(db: Executor, q: MemberListQuery): Promise<MemberList> {
  const where = whereOf(q);
  const cap = q.countCap ?? COUNT_CAP;
  const [page, [counted]] = await Promise.all([
    db
      .select({
        id: memberships.id,
        email: users.email,
        userName: memberships.userName,
        givenName: users.givenName,
        familyName: users.familyName,
        displayName: memberships.displayName,
        role: memberships.role,
        state: memberships.state,
        source: memberships.source,
        stateChangedAt: memberships.stateChangedAt,
        joinedAt: memberships.joinedAt,
        createdAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(...orderBy(q.sort ?? "name", q.dir ?? "asc"))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(
        db
          .select({ one: sql`1` })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(where)
          .limit(cap + 1)
          .as("matches"),
      ),
  ]);
  const n = counted?.n ?? 0;
  const groupsByMember = await groupsOf(db, q.orgId, page.map((r) => r.id));
  return {
    rows: page.map((r) => ({ ...r, groups: groupsByMember.get(r.id) ?? [] })),
    total: Math.min(n, cap),
    totalIsCapped: n > cap,
  };
}

/** Group names of a page of members, in one query. */
export async function groupsOf(db: Executor, orgId: string, membershipIds: string[]) {
  const byMember = new Map<string, { id: string; name: string }[]>();
  if (membershipIds.length === 0) return byMember;
  const rows = await db
    .select({ membershipId: groupMembers.membershipId, id: groups.id, name: groups.displayName })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groupMembers.orgId, orgId), inArray(groupMembers.membershipId, membershipIds)))
    .orderBy(asc(groups.displayName));
  for (const r of rows) byMember.set(r.membershipId, [...(byMember.get(r.membershipId) ?? []), { id: r.id, name: r.name }]);
  return byMember;
}

export async function countInvited(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.state, "invited")));
  return row?.n ?? 0;
}
