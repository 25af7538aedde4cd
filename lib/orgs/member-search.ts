import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { memberships, users } from "@/lib/db/schema";
import { memberSearchText, personSearchText } from "@/lib/db/schema/search-keys";

/**
 * The Users page search at 100,000 members. Both halves of a member (the
 * account: email and names; the membership: userName and displayName) carry a
 * trigram index, so finding who matches costs what the matches cost, not what
 * the organisation's size costs. Then:
 *
 * - at most `cap` matches on each half ("few"): fetch those members by id,
 *   sort and count them exactly;
 * - more ("many": the email domain, a common name): the total shows as
 *   "10,000+", and the page is found by walking the organisation in sort order
 *   and keeping the matches, which fills a page after a few rows exactly
 *   because so many match (see walkPage in member-list.ts).
 *
 * Measured in docs/admin-console.md.
 */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Three characters and more: anywhere in the text. Shorter: at the start of a
 * word (a trigram index cannot find "li" in the middle of words, and "li" in
 * the middle of every other name is not what people look for anyway).
 */
export function searchPredicates(rawTerm: string): { onAccount: SQL; onMembership: SQL; any: SQL } {
  const term = escapeLike(rawTerm.trim().toLowerCase());
  const match = (text: SQL) =>
    term.length >= 3 ? sql`${text} like ${`%${term}%`}` : sql`(${text} like ${`${term}%`} or ${text} like ${`% ${term}%`})`;
  const onAccount = match(personSearchText(users));
  const onMembership = match(memberSearchText(memberships));
  return { onAccount, onMembership, any: sql`(${onAccount} or ${onMembership})` };
}

/** A list of ids as one uuid[] parameter: the planner sees how many there are (unlike a subquery). */
export const uuidArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

export type SearchMatch = { kind: "few"; ids: string[] } | { kind: "many" };

/** Who matches among the members that `filters` (on memberships only) select: their ids, or "many". */
export async function matchSearch(db: Executor, filters: SQL[], term: string, cap: number): Promise<SearchMatch> {
  const { onAccount, onMembership } = searchPredicates(term);
  const [accounts, members] = await Promise.all([
    db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          onAccount,
          exists(db.select({ one: sql`1` }).from(memberships).where(and(eq(memberships.userId, users.id), ...filters))),
        ),
      )
      .limit(cap + 1),
    db.select({ id: memberships.id }).from(memberships).where(and(...filters, onMembership)).limit(cap + 1),
  ]);
  if (accounts.length > cap || members.length > cap) return { kind: "many" };
  if (accounts.length === 0 && members.length === 0) return { kind: "few", ids: [] };
  const halves: SQL[] = [];
  if (accounts.length) halves.push(sql`${memberships.userId} = any(${uuidArray(accounts.map((a) => a.id))})`);
  if (members.length) halves.push(sql`${memberships.id} = any(${uuidArray(members.map((m) => m.id))})`);
  const rows = await db.select({ id: memberships.id }).from(memberships).where(and(...filters, or(...halves)));
  return rows.length > cap ? { kind: "many" } : { kind: "few", ids: rows.map((r) => r.id) };
}

/**
 * Drives a page query from a list of ids (FROM unnest(ids) JOIN …): the
 * planner then looks each one up instead of walking the whole organisation
 * and testing every member against the list.
 */
export const idsTable = (ids: string[]) => sql`(select unnest(${uuidArray(ids)}) as id) as "matched"`;
