import type { Db } from "@/lib/db";

/**
 * The rows of a scrape-time query (lib/metrics/members.ts, email.ts). They
 * run on the main pool, never on the hot statements' pipelining connections,
 * where a count would hold up the SCIM requests queued behind it.
 */
export async function scrapeRows<T>(db: Db, query: Parameters<Db["execute"]>[0]): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/**
 * One query feeds several gauges: the first gauge collected in a scrape
 * starts it, the others of the same scrape share its answer.
 */
export function sharedPerScrape<T>(load: () => Promise<T>, ttlMs = 1_000): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > ttlMs) {
      const value = load();
      last = { at: Date.now(), value };
      value.catch(() => (last = undefined));
    }
    return last.value;
  };
}
