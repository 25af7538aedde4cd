import { runHostile } from "../robustness/hostile";
import type { Suite } from "../lib/suite";

/** Issue 7 (see scripts/robustness/hostile.ts). */
const suite: Suite = {
  name: "Hostile SCIM input · ≥2,000 generated requests",
  needs: ["postgres", "build"],
  run: () => runHostile({ port: 3710 }),
};
export default suite;
