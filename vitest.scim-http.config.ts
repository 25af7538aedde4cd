import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The SCIM HTTP suite: real HTTP against the production build (`next start`)
 * on a fresh PostgreSQL database, started once by the global setup.
 * Run with `npm run test:scim-http` after `next build`.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["tests/scim-http/**/*.test.ts"],
    globalSetup: ["tests/scim-http/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // One server and 2 cores: files one after another keep timings and races meaningful.
    fileParallelism: false,
  },
});
