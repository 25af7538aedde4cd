/**
 * Stands in for autovacuum when the benchmark's PostgreSQL has it turned off
 * (this workplace's machines do). Without it nothing clears the dead row
 * versions that 20,000 PATCHes and deactivations leave, nor sets the
 * visibility map that index-only scans need, and later phases measure a
 * database no production server would have: paging at N = 20,000 took more than twice
 * as long per page (25.6 vs 10.7 ms p50) as with that work done. With autovacuum on this
 * does nothing, and the server's own autovacuum runs as it would in production.
 */
export async function autovacuumStandIn(url: string): Promise<{ active: boolean; between(): Promise<void>; close(): Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ autovacuum: string }[]>`show autovacuum`;
  const active = row?.autovacuum === "off";
  return {
    active,
    async between() {
      if (active) await sql`vacuum (analyze)`;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
