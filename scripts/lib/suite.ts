/**
 * A test suite that `npm test` runs after the built-in phases. Each file in
 * scripts/suites/ default-exports one; they run in file-name order, against
 * the one production build of the run.
 */
export type Requirement = "postgres" | "chromium" | "build" | "scim-validators";

interface SuiteResult {
  ok: boolean;
  /** A line for the summary table, e.g. "55 passed, 0 failed". */
  summary?: string;
}

export interface Suite {
  name: string;
  needs: Requirement[];
  run(): Promise<SuiteResult>;
}
