/**
 * The layers of Roster, checked by a tool (`npm run lint:deps`, and a phase of
 * `npm test`): the domain lives in lib/, every face (app/) is a thin adapter
 * over it, components/ only draw what they are given, and dev-only code is
 * fenced in lib/dev/. See /work/shared/ARCHITECTURE.md and README "Code layout
 * and rules".
 *
 * Type-only imports count like any other (tsPreCompilationDeps): a component
 * that names a Drizzle row type depends on the storage shape as much as one
 * that queries it. The domain module whose functions return a row re-exports
 * its type for the faces.
 *
 * There is deliberately no baseline of known violations: a violation is fixed,
 * or the rule is changed here with a reason.
 */

/** Production code: everything that ships or runs for real (the scripts are the operator CLI and the test/bench harness). */
const PRODUCTION = "^(app|components|lib|scripts)/|^(proxy|instrumentation)\\.ts$";

/** Drizzle's query builder and Roster's Drizzle schema (the storage shape). */
const DRIZZLE = ["^node_modules/drizzle-orm/", "^lib/db/schema(/|\\.ts$)"];

/** Jackson: the SAML/OAuth engine, and Roster's modules that hold its instance (lib/sso/jackson.ts). */
const JACKSON = ["^node_modules/@boxyhq/saml-jackson/", "^lib/jackson[^/]*$", "^lib/.+/jackson[^/]*$"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-not-to-faces",
      severity: "error",
      comment: "lib/ is the domain: it never imports a face (app/) or a React component (components/). Faces call lib/, not the other way.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment:
        "components/ are presentational pieces that get data and call one client API helper; they never import a page, route or server action from app/ (pass the action in as a prop).",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "components-not-to-data",
      severity: "error",
      comment:
        "components/ never read the database or Jackson: no lib/db/** (the schema included), no drizzle-orm, no @boxyhq/saml-jackson, no lib/**/jackson*. The page loads through lib/ and passes plain data down.",
      from: { path: "^components/" },
      to: { path: ["^lib/db/", ...DRIZZLE, ...JACKSON] },
    },
    {
      name: "app-not-to-drizzle",
      severity: "error",
      comment:
        "Pages and route handlers are thin adapters: they call lib/ functions and never build queries (drizzle-orm) or name tables and row types of the Drizzle schema.",
      from: { path: "^app/" },
      to: { path: DRIZZLE },
    },
    {
      name: "production-not-to-tests",
      severity: "error",
      comment:
        "Production code and the scripts never import tests/ or e2e/: helpers both need live in scripts/lib/ (or lib/), and tests import them from there.",
      from: { path: PRODUCTION },
      to: { path: "^(tests|e2e)/" },
    },
    {
      name: "dev-only-fence",
      severity: "error",
      comment:
        "lib/dev/ (demo IdP, demo seed, dev mailbox) is development-only code. Only the dev surfaces (app/dev/), lib/dev/ itself, the boot that seeds a new embedded database (lib/server/boot.ts), the scripts (CLI `seed`, e2e runner) and the tests may import it. Everyone else may read lib/dev/guard.ts, the one gate that says whether dev surfaces are on.",
      from: { pathNot: ["^app/dev/", "^lib/dev/", "^lib/server/boot\\.ts$", "^scripts/", "^tests/", "^e2e/"] },
      to: { path: "^lib/dev/", pathNot: "^lib/dev/guard\\.ts$" },
    },
    {
      name: "no-folder-cycles",
      severity: "error",
      comment:
        "No two folders depend on each other, directly or round a loop: the top-level folders (app, components, lib, scripts, tests, e2e) and the folders inside them, at any depth (lib/orgs <-> lib/scim, lib/auth <-> lib/sso, scripts <-> tests). " +
        "Why the folder scope and not a file-level `circular` rule: a folder cycle needs no file cycle (lib/orgs/a.ts -> lib/scim/b.ts while lib/scim/c.ts -> lib/orgs/d.ts), so a file rule misses exactly the cycles this issue is about. " +
        "What it allows, on purpose: in this view a folder holds its subfolders and depends only on what lies outside it, so lib/scim/users -> lib/scim is a plain dependency and never a cycle, and files of one folder may import each other in a loop " +
        "(today one such loop exists: lib/dev/idp/directory.ts <-> directory-groups.ts, the demo directory and its groups half). A module-level rule forbidding those as well would be stricter than the layering needs.",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|\\.data|drizzle|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Next.js, vitest and tsx all resolve "exports" with these conditions; without them depcruise misreads ESM-only packages.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
