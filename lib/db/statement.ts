import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { pipelineOf, type Executor, type Tx } from "./client";

/**
 * SQL for the hot paths, written once as text with $1…$n parameters and
 * handed straight to the driver (outside a transaction: on the database's
 * small pipelining pool, lib/db/client.ts).
 *
 * Why: building a query with drizzle's query builder costs more server CPU
 * than PostgreSQL spends running it (measured: about a sixth of a SCIM
 * lookup's server time went to building SQL text and mapping rows). These
 * statements are prepared once per connection like every other query
 * (lib/db/prepared.ts), and their rows come back with the column aliases the
 * SQL gives them, so no mapping is needed either. Elsewhere, drizzle's
 * builder stays the way to write queries.
 *
 * Parameters: pass json and jsonb as JSON text (`JSON.stringify`), and dates
 * as ISO strings; both drivers send text through unchanged. Results:
 * timestamps arrive as strings from postgres.js and as Dates from PGlite, so
 * read them with `toDate`.
 */
export interface Statement<Row, Params = readonly unknown[]> {
  readonly text: string;
  /** For named statements: the parameter name behind each $n, in order. */
  readonly names?: readonly string[];
  /** Phantom: the row type the SQL's aliases produce, and the parameters it takes. */
  readonly types?: { row: Row; params: Params };
}

/** A statement with positional parameters ($1, $2…). */
export function statement<Row>(text: string): Statement<Row> {
  return { text };
}

/**
 * A statement whose parameters are named in the text (`$orgId`), for long
 * statements; each name becomes a positional parameter, the same one every
 * time it appears. Names start with a lower-case letter, so `$1` and the `::`
 * of casts are left alone.
 */
export function namedStatement<Row, Params extends Record<string, unknown>>(text: string): Statement<Row, Params> {
  const names: string[] = [];
  const positional = text.replace(/\$([a-z][A-Za-z0-9]*)/g, (_, name: string) => {
    const i = names.indexOf(name);
    return `$${i >= 0 ? i + 1 : names.push(name)}`;
  });
  return { text: positional, names };
}

interface PostgresJsClient {
  unsafe(text: string, params: unknown[], options?: { prepare?: boolean }): Promise<unknown[]>;
}
interface PgliteClient {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}
type Client = PostgresJsClient | PgliteClient;

/**
 * The driver client under a drizzle database or transaction. `$client` is
 * drizzle's public handle; a transaction only has its session's client
 * (not in drizzle's types, stable across its postgres-js and PGlite sessions).
 */
function clientOf(ex: Executor): Client {
  if (isTransaction(ex)) return (ex as unknown as { session: { client: Client } }).session.client;
  return (pipelineOf(ex) as Client | undefined) ?? (ex as unknown as { $client: Client }).$client;
}

/** True inside a transaction (whose effects may still be rolled back). */
export function isTransaction(ex: Executor): boolean {
  // drizzle's `is` (entity kinds), not instanceof: a bundle may hold two copies of drizzle's classes.
  return is(ex, PgTransaction);
}

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(ex: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return isTransaction(ex) ? work(ex as Tx) : ex.transaction(work);
}

export async function run<Row, Params>(ex: Executor, st: Statement<Row, Params>, params: Params): Promise<Row[]> {
  const values = st.names ? st.names.map((name) => valueOf(params as Record<string, unknown>, name)) : (params as unknown[]);
  const client = clientOf(ex);
  if ("unsafe" in client) return (await client.unsafe(st.text, values, { prepare: true })) as Row[];
  return (await client.query(st.text, values)).rows as Row[];
}

function valueOf(params: Record<string, unknown>, name: string): unknown {
  const v = params[name];
  // A forgotten parameter is a bug, not a NULL.
  if (v === undefined) throw new Error(`Statement parameter $${name} is missing`);
  return v;
}

/** A timestamp column of a statement's row, whichever driver read it. */
export function toDate(v: Date | string): Date;
export function toDate(v: Date | string | null): Date | null;
export function toDate(v: Date | string | null): Date | null {
  if (v === null || v instanceof Date) return v;
  // postgres.js hands over PostgreSQL's text form ("2026-12-07 08:00:00.123+00"), which Date parses.
  return new Date(v);
}
