import type { Suite } from "../lib/suite";
import { runVitest } from "../lib/vitest";

/** tests/scim-http: the SCIM API over real HTTP against the production build on PostgreSQL (issue 3). */
const suite: Suite = {
  name: "SCIM HTTP suite · production build · PostgreSQL",
  needs: ["postgres", "build"],
  run: () => runVitest("scim-http", { config: "vitest.scim-http.config.ts" }),
};
export default suite;
