import type { KnipConfig } from "knip";

/**
 * Unused files, exports and dependencies (`npm run lint:unused`, and a phase
 * of `npm test`). Knip's plugins find most entry points on their own: Next.js
 * (app/**\/{page,layout,route,…}, proxy.ts, instrumentation.ts), Vitest, Playwright
 * (e2e/*.spec.ts), drizzle-kit, ESLint, PostCSS, and every `tsx <file>` in
 * package.json's scripts. What they cannot see is listed here, each with why.
 *
 * Default (not --production) mode: tests, e2e specs and scripts count as
 * users, so a lib/ function exported for its unit test (parseEnv,
 * coerceBoolean, loginEmailOf…) is not reported. Checked by hand with
 * --production when this was set up: every such export is also called by
 * production code, in its own file or by the operator CLI; nothing in lib/
 * exists for the tests alone. An export used only inside its own file is
 * reported: drop the `export`.
 */
const config: KnipConfig = {
  entry: [
    // npm test imports every suite of this folder by path (scripts/test.ts, loadSuites).
    "scripts/suites/*.ts",
    // A benchmark run by hand: `npx tsx scripts/bench/reads.ts` (its header says what it measures).
    "scripts/bench/reads.ts",
  ],
  vitest: {
    // The default suite, and the two suites that run against a production build (vitest.scim-http.config.ts, vitest.sso-servers.config.ts).
    config: ["vitest.config.ts", "vitest.*.config.ts"],
  },
  ignoreDependencies: [
    // app/layout.tsx loads its woff2 file by path through next/font/local.
    "@fontsource-variable/inter",
    // ../shared/scim/validators/run-microsoft-collection.sh runs it from node_modules/.bin (scripts/scim-conformance.ts puts that on PATH).
    "newman",
  ],
};

export default config;
