/**
 * Newest-first keyset paging over a serial id: a query asks for one row more
 * than the page (`limit + 1`) and this says whether there is a next page and
 * where it starts (`before` the last id shown). No OFFSET, so a deep page of a
 * busy log costs what the first one does.
 */
export function keysetPage<T extends { id: number }>(rows: T[], limit: number): { rows: T[]; nextBefore: number | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1]!.id : null };
}
