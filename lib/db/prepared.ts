import type { Sql } from "postgres";

/**
 * Drizzle sends every query through postgres.js's `unsafe()` unprepared, so
 * PostgreSQL parses and plans the same statement again on every request
 * (about 1 ms of server CPU for a SCIM list query here: more than running
 * it). This wrapper turns preparation on for every query, in transactions and
 * savepoints too; postgres.js then keeps one named statement per query text
 * and connection, and PostgreSQL reuses its plan. Connections are recycled
 * (postgres.js `max_lifetime`), which bounds the statements a backend keeps.
 * Not for a transaction-mode pgbouncer in front of PostgreSQL (it cannot keep
 * named statements).
 */
export function preparedByDefault<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, args?: unknown[], options?: Record<string, unknown>) =>
          (target.unsafe as (q: string, a: unknown[], o: Record<string, unknown>) => unknown)(query, args ?? [], { ...options, prepare: true });
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...params: unknown[]) => {
          const fn = params.pop() as (inner: Sql) => unknown;
          const open = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
          return open.call(target, ...params, (inner: Sql) => fn(preparedByDefault(inner)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
