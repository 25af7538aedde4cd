/**
 * `npm run robustness -- <hostile|crash|two-instances|all>`: the issue-7
 * suites on their own (npm test runs them too, from scripts/suites/).
 * Needs a production build (`npm run build`) and PostgreSQL.
 */
import { runCrash } from "./crash";
import { runHostile } from "./hostile";
import { runTwoInstances } from "./two-instances";

const SUITES = {
  hostile: () => runHostile({ port: Number(process.env.HOSTILE_PORT ?? 3710) }),
  crash: () => runCrash({ port: Number(process.env.CRASH_PORT ?? 3720), smtpPort: Number(process.env.CRASH_SMTP_PORT ?? 3725) }),
  "two-instances": () => runTwoInstances({ ports: [Number(process.env.TWIN_PORT ?? 3730), Number(process.env.TWIN_PORT ?? 3730) + 1] }),
};

async function main() {
  const which = process.argv[2] ?? "all";
  const names = which === "all" ? (Object.keys(SUITES) as (keyof typeof SUITES)[]) : [which as keyof typeof SUITES];
  let ok = true;
  for (const name of names) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown suite "${name}"; choose ${Object.keys(SUITES).join(", ")} or all`);
    console.log(`\n== ${name} ==`);
    const r = await suite();
    console.log(`${r.ok ? "PASSED" : "FAILED"}: ${r.summary}`);
    ok &&= r.ok;
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
