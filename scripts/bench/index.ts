/**
 * `npm run bench [-- <profile> [options]]`: performance profiles, each a
 * module in this folder exporting `run(argv) → ok`. Without a profile name,
 * every profile runs with its defaults. Exit code 1 if a budget was missed.
 */
const PROFILES: Record<string, () => Promise<{ run(argv: string[]): Promise<boolean> }>> = {
  "users-page": () => import("./users-page"),
};

async function main() {
  const [first, ...rest] = process.argv.slice(2);
  const chosen = first && !first.startsWith("-") ? [first] : Object.keys(PROFILES);
  const args = first && !first.startsWith("-") ? rest : process.argv.slice(2);
  let ok = true;
  for (const name of chosen) {
    const load = PROFILES[name];
    if (!load) throw new Error(`Unknown bench profile "${name}". Known: ${Object.keys(PROFILES).join(", ")}`);
    console.log(`\n━━━ bench: ${name} ━━━`);
    ok = (await (await load()).run(args)) && ok;
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
