import { runTwoInstances } from "../robustness/two-instances";
import type { Suite } from "../lib/suite";

/** Issue 7 (see scripts/robustness/two-instances.ts). */
const suite: Suite = {
  name: "Two instances on one PostgreSQL",
  needs: ["postgres", "build"],
  run: () => runTwoInstances({ ports: [3730, 3731] }),
};
export default suite;
