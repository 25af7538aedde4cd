import { purgeExpiredEntries } from "@/lib/audit/retention";
import { closeDatabase, getDatabase, type Db } from "@/lib/db";
import { organisations } from "@/lib/db/schema";
import { startStatisticsKeeper } from "@/lib/db/statistics";
import { devSurfacesEnabled } from "@/lib/dev/guard";
import { seedDemo } from "@/lib/dev/seed";
import { startOutboxWorker } from "@/lib/email/worker";
import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { purgeEndedRateLimits } from "@/lib/rate-limit";
import { drainProvisioningLog } from "@/lib/scim/log";
import { startWebhookWorker } from "@/lib/webhook-delivery/worker";

const HOUSEKEEPING_MS = 5 * 60_000;
/** How long a stopping server waits for its last emails and log rows before it exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Every few minutes, in every instance (each statement is idempotent): drop rate-limit windows that have
 * ended, and audit and provisioning-log entries older than their organisation's retention. One log line a run.
 */
function startHousekeeping(db: Db): void {
  const timer = setInterval(() => {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    Promise.all([purgeEndedRateLimits(db), purgeExpiredEntries(db)]).then(
      ([purged, expired]) =>
        log().info(
          { job: "housekeeping", rateLimitWindowsPurged: purged, auditEntriesPurged: expired.audit, provisioningEntriesPurged: expired.provisioning, durationMs: ms() },
          "job",
        ),
      (e: unknown) => log().error({ job: "housekeeping", durationMs: ms(), err: e }, "job failed; will retry"),
    );
  }, HOUSEKEEPING_MS);
  timer.unref();
}

/**
 * Runs once when a server process starts (instrumentation.ts): validate the
 * environment, open and migrate the database, give a brand-new embedded
 * database the demo data, and start delivering email.
 */
async function boot(): Promise<void> {
  const e = env(); // throws with a readable list of what is wrong
  const database = await getDatabase();
  if (database.kind === "pglite" && (await isEmpty(database.db))) {
    await seedDemo(database.db);
    log().info("Roster: new embedded database, seeded with the Acme and Globex demo organisations.");
    if (devSurfacesEnabled()) await connectDemoIdp(database.db);
  }
  const outbox = await startOutboxWorker(database.db);
  const webhooks = startWebhookWorker(database.db);
  startHousekeeping(database.db);
  startStatisticsKeeper(database);
  log().info(
    { appUrl: e.APP_URL, database: database.kind, metrics: e.METRICS_TOKEN ? "on" : "off" },
    `Roster: ready on ${e.APP_URL} (${database.kind === "pglite" ? `embedded database in ${e.DATA_DIR}` : "PostgreSQL"})`,
  );

  // PGlite must be closed cleanly or its data directory is left mid-write. Before that, the email batch in
  // hand is finished and marked (another instance would otherwise wait out its lease to send the rest) and
  // the provisioning log rows of the last requests are written.
  const shutdown = () => {
    const settle = Promise.all([outbox.stop(), webhooks.stop(), drainProvisioningLog()]).catch(() => {});
    const exit = process.exit.bind(process);
    const finish = async (code: number | string | null | undefined) => {
      await Promise.race([settle, new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref())]);
      await closeDatabase().catch(() => {});
      exit(code);
    };
    if (process.env.NEXT_MANUAL_SIG_HANDLE) {
      void finish(0);
      return;
    }
    // `next start` handles the same signal: it stops listening, lets the requests in flight finish, then
    // calls process.exit. Exiting here first would cut those requests off, and letting Next exit first would
    // cut off our last writes; so Next's exit runs ours first, and the database closes after the last request.
    let finishing = false;
    process.exit = ((code) => {
      if (finishing) return undefined as never;
      finishing = true;
      void finish(code);
      return undefined as never;
    }) as typeof process.exit;
    // Should Next never get there (a request that does not end), stop after the grace period all the same.
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/** The demo IdP is a nicety: if it cannot be set up, say so and start anyway (Acme's admins can connect it on the Security page). */
async function connectDemoIdp(db: Db): Promise<void> {
  try {
    const { connectDemoIdpToAcme } = await import("@/lib/dev/idp/bootstrap");
    await connectDemoIdpToAcme(db);
    log().info("Roster: Acme signs in through the demo identity provider at /dev/idp.");
  } catch (e) {
    log().error({ err: e }, "Roster: could not connect the demo identity provider");
  }
}

async function isEmpty(db: Db): Promise<boolean> {
  const [any] = await db.select({ id: organisations.id }).from(organisations).limit(1);
  return !any;
}

/** A server that cannot reach its database or has a bad environment stops at once, saying why. */
export async function bootOrExit(): Promise<void> {
  try {
    await boot();
  } catch (e) {
    // The reason in full (an invalid environment lists every variable to fix), and as a log line for collectors.
    console.error(`\nRoster could not start:\n${e instanceof Error ? e.message : String(e)}\n`);
    log().fatal({ err: e }, "Roster could not start");
    process.exit(1);
  }
}
