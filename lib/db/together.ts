/**
 * Runs independent steps of one transaction at the same time, so their
 * statements share round trips: postgres.js sends queries issued in the same
 * tick in one write and PostgreSQL answers them in order (pipelining). On this
 * kind of machine a round trip costs more server time than the statements of
 * a SCIM request themselves (a socket write wakes the backend on the other
 * core), so N independent statements cost about one round trip instead of N.
 *
 * The statements still run one at a time on the transaction's connection;
 * only the waiting overlaps. A step's own statements keep their order, but
 * which step's statement goes first is not defined: steps must not depend on
 * each other (read what another writes, or clash with it).
 *
 * Waits for every step, then fails with the first failure in argument order:
 * the error a sequential run would have met first. (A failed statement aborts
 * the transaction, so the steps after it fail only because of it; and a step
 * that ran although an earlier one refused is rolled back with the rest.)
 * PGlite runs the same steps one at a time, with the same result.
 */
export async function together<T extends readonly unknown[]>(...steps: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
