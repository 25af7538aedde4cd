import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { groupMembers, groups, memberships, users, type MemberSource, type MemberState, type Role } from "@/lib/db/schema";
import { idsTable, matchSearch, searchPredicates, uuidArray } from "./member-search";
import { afterKeys, decodeCursor, encodeCursor, orderBy, sortKeyValues, type MemberSort, type SortDir } from "./member-sort";

export { MEMBER_SORTS, type MemberSort, type SortDir } from "./member-sort";
export type { MemberState };

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
  /** How many search matches are counted; SEARCH_CAP unless a test wants a small one. */
  searchCap?: number;
  /** Rows per batch of a broad search's walk; tests make it small to walk many batches. */
  walkBatch?: number;
  /**
   * The page as a position rather than a number (the plain list only, where pages can be deep): rows after
   * the row of `after`, or before the row of `before`. `page` still says which page it is, for the count.
   */
  after?: string;
  before?: string;
}

export interface MemberRow {
  id: string;
  userId: string;
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
  /** Cursors of the first and last row (MemberListQuery before/after), when the list pages by position. */
  firstCursor?: string;
  lastCursor?: string;
  /** Matching members: exact, except for a search with more than SEARCH_CAP matches (then SEARCH_CAP and `totalIsCapped`). */
  total: number;
  totalIsCapped: boolean;
}

/**
 * A search matching more people than this (the email domain, a common first
 * name at 100,000 members) says "10,000+" instead of counting them all: past
 * that, people refine the search rather than page. See member-search.ts.
 */
export const SEARCH_CAP = 10_000;

/** What the Users page shows as the name; the list is sorted by the same rule (personSortKey). */
export const memberDisplayName = (m: Pick<MemberRow, "displayName" | "givenName" | "familyName" | "email">) =>
  [m.givenName, m.familyName].filter(Boolean).join(" ") || m.displayName || m.email;

/** Filters that need only the membership row (and group_members). */
function memberFilters(db: Executor, q: MemberListQuery): SQL[] {
  const filters: SQL[] = [eq(memberships.orgId, q.orgId)];
  if (q.state) filters.push(eq(memberships.state, q.state));
  if (q.role) filters.push(eq(memberships.role, q.role));
  if (q.groupId) {
    filters.push(inArray(memberships.id, db.select({ id: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, q.groupId))));
  }
  return filters;
}

/** Who a member is, as every list of people shows them (name, email, state). */
export const personColumns = {
  id: memberships.id,
  email: users.email,
  givenName: users.givenName,
  familyName: users.familyName,
  displayName: memberships.displayName,
  state: memberships.state,
};

export const rowColumns = {
  ...personColumns,
  /** The policy's facts about the person (lib/orgs/member-locks.ts: "not yourself"). */
  userId: memberships.userId,
  userName: memberships.userName,
  role: memberships.role,
  source: memberships.source,
  stateChangedAt: memberships.stateChangedAt,
  joinedAt: memberships.joinedAt,
  createdAt: memberships.createdAt,
};

/**
 * One page of an organisation's members: filtered, sorted, paged and counted
 * in the database, fast at 100,000 members. Search is case-insensitive over
 * the name, email, userName and displayName (member-search.ts).
 */
export async function listMembers(db: Executor, q: MemberListQuery): Promise<MemberList> {
  // Planner settings for this transaction only: these are index lookups in a hot working set, and the
  // default cost of a random read (4, for spinning disks) makes PostgreSQL hash all 100,000 members to
  // join a few thousand search matches. Parallel workers only add start-up time to queries this short.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local random_page_cost = 1.1`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return listMembersIn(tx, q);
  });
}

async function listMembersIn(db: Executor, q: MemberListQuery): Promise<MemberList> {
  const filters = memberFilters(db, q);
  const term = q.search?.trim().toLowerCase();
  const order = orderBy(q.sort ?? "name", q.dir ?? "asc");
  const offset = (q.page - 1) * q.pageSize;

  let page: Omit<MemberRow, "groups">[];
  let total: number;
  let totalIsCapped = false;
  let cursors: Pick<MemberList, "firstCursor" | "lastCursor"> = {};
  const pageOfIds = (ids: string[], where?: SQL) =>
    db
      .select(rowColumns)
      .from(idsTable(ids))
      .innerJoin(memberships, sql`${memberships.id} = "matched"."id"`)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset(offset);
  const groupIds = !term && q.groupId ? await smallGroup(db, q.groupId, q.searchCap ?? SEARCH_CAP) : null;

  if (groupIds) {
    // A group of a few thousand: start from its members and sort those, rather than walk everyone in name
    // order testing each for membership (slow when the group's names sit late in the alphabet).
    const rest = and(...memberFilters(db, { ...q, groupId: undefined }));
    const inGroup = sql`${memberships.id} = any(${uuidArray(groupIds)})`;
    page = groupIds.length ? await pageOfIds(groupIds, rest) : [];
    const [counted] = groupIds.length ? await db.select({ n: count() }).from(memberships).where(and(rest, inGroup)) : [{ n: 0 }];
    total = counted?.n ?? 0;
  } else if (!term) {
    // Without a search every filter is on memberships: count there, without the join (an index-only scan).
    const plain = await plainPage(db, filters, q, offset);
    page = plain.rows;
    cursors = plain.cursors;
    const [counted] = await db.select({ n: count() }).from(memberships).where(and(...filters));
    total = counted?.n ?? 0;
  } else {
    const cap = q.searchCap ?? SEARCH_CAP;
    const match = await matchSearch(db, filters, term, cap);
    if (match.kind === "few") {
      total = match.ids.length;
      page = total === 0 ? [] : await pageOfIds(match.ids);
    } else {
      total = cap;
      totalIsCapped = true;
      page = await walkPage(db, filters, searchPredicates(term).any, q, offset);
    }
  }
  const groupsByMember = await groupsOf(db, q.orgId, page.map((r) => r.id));
  return { rows: page.map((r) => ({ ...r, groups: groupsByMember.get(r.id) ?? [] })), total, totalIsCapped, ...cursors };
}

/**
 * A page of the unsearched list, by position when the link carries a cursor
 * (an index range scan from that row: the same cost on every page), else by
 * OFFSET (page numbers typed into the URL).
 */
async function plainPage(db: Executor, filters: SQL[], q: MemberListQuery, offset: number) {
  const sort = q.sort ?? "name";
  const dir = q.dir ?? "asc";
  const after = decodeCursor(sort, q.after);
  const before = after ? null : decodeCursor(sort, q.before);
  // "Previous" reads backwards from the first row of the page it came from, then turns the rows round.
  const readDir: SortDir = before ? (dir === "asc" ? "desc" : "asc") : dir;
  const at = after ?? before;
  const rows = await db
    .select({ ...rowColumns, keys: sortKeyValues(sort) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...filters, at ? afterKeys(sort, readDir, at) : undefined))
    .orderBy(...orderBy(sort, readDir))
    .limit(q.pageSize)
    .offset(at ? 0 : offset);
  if (before) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows: rows.map(({ keys: _keys, ...row }) => row),
    cursors: first && last ? { firstCursor: encodeCursor(first.keys), lastCursor: encodeCursor(last.keys) } : {},
  };
}

const WALK_BATCH = 1_000;
/** How far a broad search walks (the whole of a 100,000-member organisation, twice over). */
const WALK_LIMIT = 200_000;

/**
 * The page of a broad search: read the organisation in sort order (the
 * unsearched list, an index walk) in keyset-paged batches, the match computed
 * as a column rather than a filter so the planner cannot turn it into a scan
 * of everyone, and keep matches until the page is full.
 */
async function walkPage(db: Executor, filters: SQL[], matches: SQL, q: MemberListQuery, offset: number) {
  const sort = q.sort ?? "name";
  const dir = q.dir ?? "asc";
  const page: Omit<MemberRow, "groups">[] = [];
  let skipped = 0;
  let after: string[] | null = null;
  const size = q.walkBatch ?? WALK_BATCH;
  for (let walked = 0; walked < WALK_LIMIT; walked += size) {
    const batch = await db
      .select({ ...rowColumns, matched: sql<boolean>`${matches}`, keys: sortKeyValues(sort) })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(...filters, after ? afterKeys(sort, dir, after) : undefined))
      .orderBy(...orderBy(sort, dir))
      .limit(size);
    for (const { matched, keys: _keys, ...row } of batch) {
      if (!matched) continue;
      if (skipped < offset) skipped++;
      else if (page.length < q.pageSize) page.push(row);
    }
    if (page.length >= q.pageSize || batch.length < size) break;
    after = batch[batch.length - 1]!.keys;
  }
  return page;
}

/** The members of a group, if it has at most `cap` (else null: filtering while walking is then the fast way). */
async function smallGroup(db: Executor, groupId: string, cap: number): Promise<string[] | null> {
  const rows = await db.select({ id: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).limit(cap + 1);
  return rows.length > cap ? null : rows.map((r) => r.id);
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
