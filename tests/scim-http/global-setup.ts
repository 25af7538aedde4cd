import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { buildExists, startAppServer, type AppServer } from "../../scripts/lib/app-server";
import { createPostgresDatabase } from "../../scripts/lib/local-database";

/**
 * One fresh database and four `next start` servers on it: the main one with
 * throttling off (the suite makes thousands of requests), two instances
 * sharing a low SCIM_RATE_LIMIT to show the limit holds across instances, and
 * a second unthrottled one for races across instances (the deprovisioning guard).
 * The main server and the first limited one serve /api/metrics (METRICS_TOKEN);
 * the second has it unset, so its /api/metrics is the 404 of metrics turned off.
 */
export const RATE_LIMIT = 12;
const METRICS_TOKEN = randomBytes(24).toString("hex");
let servers: AppServer[] = [];
let drop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject) {
  if (!buildExists()) throw new Error("No production build: run `npx next build` first (npm test does).");
  const database = await createPostgresDatabase("roster_scim_http");
  drop = database.drop;
  const port = Number(process.env.SCIM_HTTP_PORT ?? 3170);
  const main = await startAppServer({ port, databaseUrl: database.url, env: { SCIM_RATE_LIMIT: "0", METRICS_TOKEN } });
  const limited = await Promise.all(
    [port + 1, port + 2].map((p, i) =>
      startAppServer({ port: p, databaseUrl: database.url, env: { SCIM_RATE_LIMIT: String(RATE_LIMIT), METRICS_TOKEN: i === 0 ? METRICS_TOKEN : "" } }),
    ),
  );
  // A second unthrottled instance on the same database: the mass-deprovisioning guard's count across instances (issue 16).
  const second = await startAppServer({ port: port + 3, databaseUrl: database.url, env: { SCIM_RATE_LIMIT: "0", METRICS_TOKEN: "" } });
  servers = [main, ...limited, second];
  project.provide("scimHttp", {
    databaseUrl: database.url,
    appUrl: main.url,
    limitedUrls: limited.map((s) => s.url),
    secondUrl: second.url,
    rateLimit: RATE_LIMIT,
    metricsToken: METRICS_TOKEN,
    logFiles: servers.map((s) => s.logFile),
  });
}

export async function teardown() {
  await Promise.all(servers.map((s) => s.stop()));
  await drop?.();
}

declare module "vitest" {
  export interface ProvidedContext {
    scimHttp: { databaseUrl: string; appUrl: string; limitedUrls: string[]; secondUrl: string; rateLimit: number; metricsToken: string; logFiles: string[] };
  }
}
