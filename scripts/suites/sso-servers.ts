import type { Suite } from "../lib/suite";
import { runVitest } from "../lib/vitest";

/** tests/sso-servers: SAML replay across two production instances on one PostgreSQL; demo IdP refused without ROSTER_DEMO (issue 4). */
const suite: Suite = {
  name: "SSO across instances · demo IdP gating · production build",
  needs: ["postgres", "build"],
  run: () => runVitest("sso-servers", { config: "vitest.sso-servers.config.ts" }),
};
export default suite;
