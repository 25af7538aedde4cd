/** Escapes LIKE/ILIKE's wildcards (and the escape character itself) so a search term matches literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
