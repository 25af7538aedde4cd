/** Latency samples of one phase → throughput and percentiles. */
export interface PhaseResult {
  phase: string;
  ops: number;
  seconds: number;
  latenciesMs: number[];
  /** What one op moves, when it is not one resource (e.g. 100 users per page). */
  unit?: string;
  perOp?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function formatTable(results: PhaseResult[]): string {
  const rows = results.map((r) => {
    const s = [...r.latenciesMs].sort((a, b) => a - b);
    const rate = r.ops / r.seconds;
    const extra = r.perOp ? ` (${Math.round(rate * r.perOp)} ${r.unit}/s)` : "";
    return [r.phase, String(r.ops), r.seconds.toFixed(2), `${rate.toFixed(0)}${extra}`, percentile(s, 50).toFixed(1), percentile(s, 95).toFixed(1), percentile(s, 99).toFixed(1)];
  });
  const head = ["phase", "requests", "total s", "req/s", "p50 ms", "p95 ms", "p99 ms"];
  const lines = [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`);
  return lines.join("\n");
}

/** Runs `total` jobs with at most `concurrency` in flight; returns each job's latency in ms. */
export async function runPool(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<{ seconds: number; latenciesMs: number[] }> {
  const latenciesMs: number[] = new Array(total);
  let next = 0;
  const started = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      await job(i);
      latenciesMs[i] = performance.now() - t0;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}
