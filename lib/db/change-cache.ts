import { log } from "@/lib/log/logger";
import type { Database } from "./client";
import { openedDatabase } from "./index";

/**
 * A per-process cache of rows that rarely change and are read on every
 * request (a SCIM token and its organisation's settings). An entry is
 * served only while both hold:
 *
 * - it is younger than `maxAgeMs`: the bound on staleness whatever happens
 *   to the notification connection;
 * - no notification arrived on `channel` since it was loaded: database
 *   triggers announce every change (drizzle/0008), so a change made through
 *   any app instance, the operator CLI or psql empties every instance's
 *   cache within milliseconds.
 *
 * Until the subscription is in force (and after a reconnection, until it is
 * again) nothing is cached. Entries loaded by a request that overlapped a
 * notification are discarded: `load` runs against the generation it started
 * in, and a newer generation wins. A process that has not opened its own
 * database (a script seeding another one: the e2e runner, test fixtures)
 * never subscribes, so it reads through rather than open a database to listen.
 */
export interface ChangeCache<V> {
  /** The cached value, or `load()`'s, which is then cached unless a change was announced meanwhile. */
  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  /** Forgets everything (tests; the notification handler). */
  clear(): void;
}

interface Entry<V> {
  value: V;
  loadedAt: number;
  generation: number;
}

/** Entries above this many are not added: a bound on memory whatever the callers do. */
const MAX_ENTRIES = 10_000;

/** `database` is the process's own, once opened, unless given (tests pass theirs). */
export function changeCache<V>(channel: string, maxAgeMs: number, database: () => Promise<Database> | undefined = openedDatabase): ChangeCache<V> {
  const entries = new Map<string, Entry<V>>();
  let generation = 0;
  let listening = false;
  let subscribing: Promise<void> | null = null;

  const invalidate = () => {
    generation++;
    entries.clear();
  };
  const subscribe = () => {
    if (subscribing) return;
    const opened = database();
    if (!opened) return;
    subscribing = opened
      .then((db) =>
        db.listen(channel, invalidate, () => {
          invalidate();
          listening = true;
        }),
      )
      .catch((e: unknown) => {
        // Serve uncached (always correct) and try again on a later request.
        log().warn({ channel, err: e }, "cache: could not subscribe; reading through");
        subscribing = null;
      });
  };

  return {
    async get(key, load) {
      if (!listening) subscribe();
      const hit = entries.get(key);
      const now = Date.now();
      if (hit && hit.generation === generation && now - hit.loadedAt < maxAgeMs) return hit.value;
      const startedIn = generation;
      const value = await load();
      if (value !== undefined && listening && startedIn === generation && entries.size < MAX_ENTRIES) {
        entries.set(key, { value, loadedAt: now, generation });
      }
      return value;
    },
    clear: invalidate,
  };
}
