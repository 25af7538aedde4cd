import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { run, statement, type Statement } from "@/lib/db/statement";
import { memberGroupsColumn, membershipColumns, membershipFrom, type MembershipColumns } from "@/lib/orgs/member-columns";
import { groupMembers, groups, memberships, users, type Membership } from "@/lib/db/schema";
import type { AttrPath } from "../filter/ast";
import { compileFilter, isUuid, sortExpression, type Resolver } from "../filter/sql";
import type { ListQuery } from "../list";
import { URN } from "../schemas/urns";
import { resolveUserAttribute } from "./attributes";
import type { UserRow } from "./mapper";

/**
 * The queries behind /Users, always scoped to one organisation. Filtering,
 * counting, sorting and paging all happen in PostgreSQL.
 */
const groupsOf = sql<{ id: string; displayName: string }[]>`(
  select coalesce(json_agg(json_build_object('id', g.id, 'displayName', g.display_name) order by g.display_name), '[]'::json)
  from ${groupMembers} gm join ${groups} g on g.id = gm.group_id
  where gm.membership_id = ${memberships.id} and g.from_attribute is null)`;

const touchesUsers = (p: AttrPath) => p.attr.toLowerCase() === "name" && /^(givenname|familyname)$/i.test(p.sub ?? "");

interface Selected {
  membership: Membership;
  email: string;
  givenName: string | null;
  familyName: string | null;
  groups: { id: string; displayName: string }[] | null;
}

function toRow(r: Selected): UserRow {
  return {
    membership: r.membership,
    user: { email: r.email, givenName: r.givenName, familyName: r.familyName },
    ...(r.groups ? { groups: r.groups } : {}),
  };
}

export async function getUserRow(db: Executor, orgId: string, id: string, withGroups = true): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await run(db, withGroups ? BY_ID.withGroups : BY_ID.plain, [orgId, id]);
  return row && fromFlat(row);
}

/**
 * The hot reads as statements (lib/db/statement.ts): a user by id, and the
 * two equality filters IdPs send before every change (`userName eq`, Okta and
 * Entra; `externalId eq`, Entra). The matches are fenced in a materialized
 * CTE and sorted afterwards: written as one ORDER BY … LIMIT query, the
 * planner may walk the whole organisation in creation order looking for them
 * when its statistics are stale (right after an initial sync, before
 * autovacuum: measured at 10 ms per lookup at 20,000 members). The total comes
 * in the same row set: one round trip.
 */
const columns = (withGroups: boolean) =>
  `${membershipColumns("m")}, u.email, u.given_name as "givenName", u.family_name as "familyName", ${withGroups ? memberGroupsColumn("m") : "null::json as groups"}`;

type FlatRow = MembershipColumns & {
  email: string;
  givenName: string | null;
  familyName: string | null;
  groups: { id: string; displayName: string }[] | null;
};

function fromFlat(r: FlatRow): UserRow {
  return {
    membership: membershipFrom(r),
    user: { email: r.email, givenName: r.givenName, familyName: r.familyName },
    ...(r.groups ? { groups: r.groups } : {}),
  };
}

const byId = (withGroups: boolean) =>
  statement<FlatRow>(`select ${columns(withGroups)} from memberships m join users u on u.id = m.user_id where m.org_id = $1 and m.id = $2`);
const BY_ID = { plain: byId(false), withGroups: byId(true) };

type PageRow = { total: number } & ({ [K in keyof FlatRow]: FlatRow[K] } | { [K in keyof FlatRow]: null });

const byEquality = (match: string, withGroups: boolean) =>
  statement<PageRow>(`with hit as materialized (select m.id, m.created_at from memberships m where m.org_id = $1 and ${match})
  select t.total, p.* from (select count(*)::int as total from hit) t left join lateral (
    select ${columns(withGroups)} from hit join memberships m on m.id = hit.id join users u on u.id = m.user_id
    order by hit.created_at, hit.id limit $3 offset $4) p on true`);
/** The indexed equality filters, by lower-cased attribute name; $2 is the value. */
const EQUALITY: Record<string, { plain: Statement<PageRow>; withGroups: Statement<PageRow> }> = {
  // userName is unique per organisation, case-insensitively (memberships_org_user_name_key).
  username: { plain: byEquality("lower(m.user_name) = lower($2)", false), withGroups: byEquality("lower(m.user_name) = lower($2)", true) },
  // externalId is case-exact (RFC 7643 §3.1), and not unique in Roster (PRODUCT.md).
  externalid: { plain: byEquality("m.external_id = $2", false), withGroups: byEquality("m.external_id = $2", true) },
};

/**
 * Paging through everyone in creation order (no filter, no sortBy), as IdPs import: the page's ids come
 * from the (org_id, created_at, id) index, only the page gets the joins, and the total comes in the
 * same statement.
 */
const allInOrder = (withGroups: boolean) =>
  statement<PageRow>(`select t.total, p.* from (select count(*)::int as total from memberships where org_id = $1) t left join lateral (
    select ${columns(withGroups)}
    from (select id from memberships where org_id = $1 order by created_at, id limit $2 offset $3) page
    join memberships m on m.id = page.id join users u on u.id = m.user_id
    order by m.created_at, m.id) p on true`);
const ALL_IN_ORDER = { plain: allInOrder(false), withGroups: allInOrder(true) };

/** `userName eq "…"` or `externalId eq "…"`, core schema, not sorted otherwise: the statement that answers it. */
function equalityStatement(query: ListQuery, withGroups: boolean): { st: Statement<PageRow>; value: string } | undefined {
  const f = query.filter;
  if (!f || f.kind !== "compare" || f.op !== "eq" || typeof f.value !== "string" || f.path.sub || query.sortBy) return undefined;
  if (f.path.uri && f.path.uri.toLowerCase() !== URN.user.toLowerCase()) return undefined;
  const pair = EQUALITY[f.path.attr.toLowerCase()];
  return pair && { st: withGroups ? pair.withGroups : pair.plain, value: f.value };
}

export async function findUsers(
  db: Executor,
  p: { orgId: string; query: ListQuery; withGroups: boolean },
): Promise<{ rows: UserRow[]; total: number }> {
  const equality = equalityStatement(p.query, p.withGroups);
  const everyone = !p.query.filter && !p.query.sortBy;
  if (equality || everyone) {
    const rows = equality
      ? await run(db, equality.st, [p.orgId, equality.value, p.query.count, p.query.startIndex - 1])
      : await run(db, p.withGroups ? ALL_IN_ORDER.withGroups : ALL_IN_ORDER.plain, [p.orgId, p.query.count, p.query.startIndex - 1]);
    return {
      rows: p.query.count === 0 ? [] : rows.filter((r): r is PageRow & FlatRow => r.id !== null).map(fromFlat),
      total: rows[0]?.total ?? 0,
    };
  }
  let needsUsers = false;
  const resolve: Resolver = (path) => {
    if (touchesUsers(path)) needsUsers = true;
    return resolveUserAttribute(path);
  };
  const where: SQL = and(eq(memberships.orgId, p.orgId), p.query.filter ? compileFilter(p.query.filter, resolve) : undefined)!;
  const order: SQL[] = [];
  if (p.query.sortBy) {
    const expr = sortExpression(resolve(p.query.sortBy), p.query.sortBy);
    order.push(p.query.descending ? sql`${expr} desc nulls last` : sql`${expr} asc nulls last`);
  }
  // Creation order, then id: a stable order so that startIndex paging neither skips nor repeats.
  const tail = p.query.descending && p.query.sortBy ? [desc(memberships.createdAt), desc(memberships.id)] : [asc(memberships.createdAt), asc(memberships.id)];
  // The page's ids come from a narrow CTE (an index scan, nothing projected), and only the page's
  // rows get the users join and the groups subquery: OFFSET evaluates whatever it skips, so
  // projecting in the same step would run the groups subquery for every skipped row. The total is
  // a separate count (an index-only scan) run alongside: a window count(*) over () in the CTE would
  // materialise every match, 60 ms for the first page of 100,000 members instead of under 1 ms.
  const base = db.select({ id: memberships.id }).from(memberships);
  const page = db.$with("page").as(
    (needsUsers ? base.innerJoin(users, eq(users.id, memberships.userId)) : base)
      .where(where)
      .orderBy(...order, ...tail)
      .limit(Math.max(p.query.count, 1))
      .offset(p.query.startIndex - 1),
  );
  const [rows, [counted]] = await Promise.all([
    p.query.count === 0
      ? []
      : db
          .with(page)
          .select({
            membership: memberships,
            email: users.email,
            givenName: users.givenName,
            familyName: users.familyName,
            groups: p.withGroups ? groupsOf : sql<null>`null`,
          })
          .from(page)
          .innerJoin(memberships, eq(memberships.id, page.id))
          .innerJoin(users, eq(users.id, memberships.userId))
          .orderBy(...order, ...tail),
    needsUsers
      ? db.select({ n: sql<number>`count(*)::int` }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where)
      : db.select({ n: sql<number>`count(*)::int` }).from(memberships).where(where),
  ]);
  const total = counted?.n ?? 0;
  return { rows: rows.map(toRow), total };
}
