import os from "node:os";

/** Timing helpers for the bench profiles: run a case N times after a warm-up and summarise. */
export interface Timing {
  name: string;
  p50: number;
  p95: number;
  max: number;
  note?: string;
  /** Shown for information, not held to the budget. */
  exempt?: boolean;
}

export async function time(
  name: string,
  fn: () => Promise<unknown>,
  opts: { runs?: number; warmup?: number; note?: string; exempt?: boolean } = {},
): Promise<Timing> {
  const runs = opts.runs ?? 15;
  for (let i = 0; i < (opts.warmup ?? 2); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, p50: at(0.5), p95: at(0.95), max: samples[samples.length - 1]!, note: opts.note, exempt: opts.exempt };
}

/**
 * Prints the table; the budget is checked against the median (p50): on a
 * shared machine the tail measures the neighbours as much as the code, and
 * the load average is printed so a reader can judge.
 */
export function printTable(title: string, rows: Timing[], budgetMs?: number): boolean {
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`\n${title}\n(${os.cpus().length} CPUs, load average ${load}${budgetMs ? `; budget ${budgetMs} ms on p50` : ""})`);
  console.log(`${"case".padEnd(width)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"max ms".padStart(8)}${budgetMs ? `  ${"budget".padStart(8)}` : ""}`);
  console.log("-".repeat(width + 30 + (budgetMs ? 10 : 0)));
  let ok = true;
  for (const r of rows) {
    const over = budgetMs !== undefined && !r.exempt && r.p50 > budgetMs;
    if (over) ok = false;
    console.log(
      `${r.name.padEnd(width)}  ${r.p50.toFixed(1).padStart(8)}  ${r.p95.toFixed(1).padStart(8)}  ${r.max.toFixed(1).padStart(8)}` +
        (budgetMs !== undefined ? `  ${(r.exempt ? "info" : over ? "OVER" : "ok").padStart(8)}` : "") +
        (r.note ? `  ${r.note}` : ""),
    );
  }
  return ok;
}
