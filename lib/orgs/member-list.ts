import { and, asc, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { memberships, users, type MemberState, type Role } from "@/lib/db/schema";

export interface MemberListQuery {
  orgId: string;
  search?: string;
  state?: MemberState;
  role?: Role;
  page: number;
  pageSize: number;
}

export interface MemberRow {
  id: string;
  email: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  role: Role;
  state: MemberState;
  source: "scim" | "manual" | "operator";
  stateChangedAt: Date;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of an organisation's members, filtered and counted in the database. */
export async function listMembers(db: Executor, q: MemberListQuery): Promise<{ rows: MemberRow[]; total: number }> {
  const filters: SQL[] = [eq(memberships.orgId, q.orgId)];
  if (q.state) filters.push(eq(memberships.state, q.state));
  if (q.role) filters.push(eq(memberships.role, q.role));
  const term = q.search?.trim();
  if (term) {
    const like = `%${escapeLike(term)}%`;
    filters.push(
      or(
        ilike(users.email, like),
        ilike(sql`coalesce(${users.givenName}, '') || ' ' || coalesce(${users.familyName}, '')`, like),
        ilike(memberships.displayName, like),
      )!,
    );
  }
  const where = and(...filters);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: memberships.id,
        email: users.email,
        givenName: users.givenName,
        familyName: users.familyName,
        displayName: memberships.displayName,
        role: memberships.role,
        state: memberships.state,
        source: memberships.source,
        stateChangedAt: memberships.stateChangedAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(memberships.createdAt), asc(memberships.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}

export async function countInvited(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.state, "invited")));
  return row?.n ?? 0;
}
