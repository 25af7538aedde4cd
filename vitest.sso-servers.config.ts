import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * SSO against production servers (`next start`) on PostgreSQL: several
 * instances behind one public URL, and the demo surfaces with and without
 * ROSTER_DEMO. Run by scripts/suites/sso-servers.ts after `next build`.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["tests/sso-servers/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    fileParallelism: false,
  },
});
