import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Expressions that indexes are built on and queries must repeat exactly (the
 * planner matches an expression index only on the same expression), so both
 * take them from here. Used by the Users page (lib/orgs/member-list.ts) to
 * stay fast at 100,000 members; see docs/admin-console.md.
 */

/** Sort key of a person by name: "given family", or the email when they have no name. */
export const personSortKey = (c: { givenName: AnyPgColumn; familyName: AnyPgColumn; email: AnyPgColumn }): SQL =>
  sql`lower(coalesce(nullif(trim(coalesce(${c.givenName}, '') || ' ' || coalesce(${c.familyName}, '')), ''), ${c.email}))`;

/** What a search looks through on the account: email and names (trigram-indexed, so `LIKE '%term%'` is fast). */
export const personSearchText = (c: { givenName: AnyPgColumn; familyName: AnyPgColumn; email: AnyPgColumn }): SQL =>
  sql`lower(${c.email} || ' ' || coalesce(${c.givenName}, '') || ' ' || coalesce(${c.familyName}, ''))`;

/** … and on the membership: the IdP's userName and displayName. */
export const memberSearchText = (c: { userName: AnyPgColumn; displayName: AnyPgColumn }): SQL =>
  sql`lower(${c.userName} || ' ' || coalesce(${c.displayName}, ''))`;
