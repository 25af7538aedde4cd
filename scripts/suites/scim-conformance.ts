import { runConformance } from "../scim-conformance";
import type { Suite } from "../lib/suite";

/** ../shared/scim: the IdP request replay, Okta's SPEC test and Microsoft's reference collection, unmodified. */
const suite: Suite = {
  name: "SCIM conformance · IdP replay, Okta SPEC, Microsoft collection",
  needs: ["postgres", "build", "scim-validators"],
  run() {
    return runConformance();
  },
};
export default suite;
