import { runCrash } from "../robustness/crash";
import type { Suite } from "../lib/suite";

/** Issue 7 (see scripts/robustness/crash.ts). */
const suite: Suite = {
  name: "Crash safety · SIGKILL under provisioning load",
  needs: ["postgres", "build"],
  run: () => runCrash({ port: 3720, smtpPort: 3725 }),
};
export default suite;
