import { asc, desc, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { memberships, users } from "@/lib/db/schema";
import { personSortKey } from "@/lib/db/schema/search-keys";

export const MEMBER_SORTS = ["name", "email", "state", "role", "created"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export type SortDir = "asc" | "desc";

/**
 * What each sort orders by, with the SQL type of each key (for keyset
 * comparisons). Every list ends in a unique key, so the order is total.
 * name and email follow an index on users (users_sort_name_idx,
 * users_email_lower_key), state and role one on memberships: the first page
 * reads 25 rows.
 */
const SORT_KEYS: Record<MemberSort, [SQL | AnyPgColumn, string][]> = {
  name: [
    [personSortKey(users), "text"],
    [users.id, "uuid"],
  ],
  email: [[sql`lower(${users.email})`, "text"]],
  state: [
    [memberships.state, "member_state"],
    [memberships.stateChangedAt, "timestamptz"],
    [memberships.id, "uuid"],
  ],
  role: [
    [memberships.role, "member_role"],
    [memberships.createdAt, "timestamptz"],
    [memberships.id, "uuid"],
  ],
  created: [
    [memberships.createdAt, "timestamptz"],
    [memberships.id, "uuid"],
  ],
};

export function orderBy(sort: MemberSort, dir: SortDir): SQL[] {
  const d = dir === "desc" ? desc : asc;
  return SORT_KEYS[sort].map(([key]) => d(key));
}

/** The sort keys of a row, as text (exact: timestamps keep their microseconds). */
export const sortKeyValues = (sort: MemberSort) => sql<string[]>`array[${sql.join(SORT_KEYS[sort].map(([key]) => sql`${key}::text`), sql`, `)}]`;

/** Rows after (or, descending, before) the given key values: keyset paging that costs the same on every page. */
export function afterKeys(sort: MemberSort, dir: SortDir, values: string[]): SQL {
  const keys = SORT_KEYS[sort];
  const left = sql.join(keys.map(([key]) => sql`${key}`), sql`, `);
  const right = sql.join(keys.map(([, type], i) => sql`${values[i] ?? null}::${sql.raw(type)}`), sql`, `);
  return dir === "desc" ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

/**
 * A position in the list, for the Users page's Previous/Next links: the sort
 * keys of a row, as opaque URL-safe text. Paging by position (keyset) costs
 * the same on page 2,000 as on page 2, where OFFSET reads every row before.
 */
export function encodeCursor(keys: string[]): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

/** The keys of a cursor made for this sort, or null for anything else (a stale or edited link falls back to OFFSET). */
export function decodeCursor(sort: MemberSort, cursor: string | undefined): string[] | null {
  if (!cursor || cursor.length > 2000) return null;
  try {
    const keys: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const valid =
      Array.isArray(keys) && keys.length === SORT_KEYS[sort].length && keys.every((k) => typeof k === "string" && k.length <= 600);
    return valid ? (keys as string[]) : null;
  } catch {
    return null;
  }
}
