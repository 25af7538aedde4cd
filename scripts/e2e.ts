/**
 * `npm run e2e`: Playwright against a production build on a fresh PostgreSQL
 * database seeded with the demo data. Builds first if there is no build.
 */
import { spawnSync } from "node:child_process";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/dev/seed";
import { buildExists, startAppServer } from "./lib/app-server";
import { chromiumAvailable, chromiumPath, postgresAvailable } from "./lib/environment";
import { createPostgresDatabase } from "./lib/local-database";

export async function runE2e(extraArgs: string[] = []): Promise<number> {
  if (!chromiumAvailable()) throw new Error(`Chromium not found at ${chromiumPath()} (apt-get install -y chromium)`);
  if (!(await postgresAvailable())) throw new Error("PostgreSQL is not reachable (TEST_PG_URL)");
  if (!buildExists()) {
    const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (b.status !== 0) return b.status ?? 1;
  }
  const database = await createPostgresDatabase("roster_e2e");
  const port = Number(process.env.E2E_PORT ?? 3300);
  try {
    const seeded = await openDatabase({ url: database.url });
    await migrate(seeded);
    await seedDemo(seeded.db);
    await seeded.close();
    // The specs sign the demo owner in by email many times a minute; real users keep the default limit.
    // webhooks.spec.ts receives webhooks on a loopback port, which production refuses.
    const server = await startAppServer({ port, databaseUrl: database.url, env: { SIGN_IN_EMAILS_PER_MINUTE: "0", WEBHOOKS_ALLOW_PRIVATE_TARGETS: "1" } });
    try {
      const r = spawnSync("npx", ["playwright", "test", ...extraArgs], {
        stdio: "inherit",
        env: { ...process.env, BASE_URL: server.url, E2E_DATABASE_URL: database.url },
      });
      return r.status ?? 1;
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runE2e(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      console.error(`e2e: ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    });
}
