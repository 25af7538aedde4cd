import { z } from "zod";

/**
 * The environment, parsed once. Every setting Roster reads is here, with its
 * default, so that a typo or a missing production secret stops the server at
 * start with a message that says which variable to fix.
 */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  DATABASE_URL: optional(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL (leave it unset for the embedded database)"),
  ),
  DATABASE_POOL_SIZE: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(200).default(20)),
  DATABASE_PIPELINE_SIZE: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50).default(2)),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")),
  APP_URL: optional(z.string().url("must be an absolute URL such as https://roster.example.com")),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)")),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
  EMAIL_FROM: z.preprocess(blankToUndefined, z.string().default("Roster <no-reply@roster.localhost>")),
  SCIM_RATE_LIMIT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(1200)),
  /** Sign-in emails per address per minute (lib/auth/magic-link.ts); 0 turns the limit off. */
  SIGN_IN_EMAILS_PER_MINUTE: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(5)),
  /** "1" turns on the demo IdP and the dev mailbox in a production build (tests and demos only; lib/dev/guard.ts). */
  ROSTER_DEMO: z.preprocess(blankToUndefined, z.enum(["0", "1"]).optional()),
  /** Turns on /api/metrics (Prometheus), readable only with `Authorization: Bearer <this>`; unset, the endpoint is a 404. */
  METRICS_TOKEN: optional(
    z
      .string()
      .min(16, "must be at least 16 characters (try: openssl rand -hex 24)")
      .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (it travels in an Authorization header)"),
  ),
  /** "1" lets webhooks go to loopback, link-local and private addresses (tests and demos only; lib/webhooks/targets.ts). */
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: z.preprocess(blankToUndefined, z.enum(["0", "1"]).optional()),
  /** pino's levels; unset: info (error under tests, whose output would drown in job lines and expected warnings). */
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  /** json (one object a line, for collectors) or pretty (for people); unset: pretty in development, json otherwise. */
  LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(["json", "pretty"]).optional()),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string };

let cached: Env | undefined;

class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET && env.ROSTER_DEMO !== "1") {
    throw new EnvError("Invalid environment:\n  AUTH_SECRET: required in production (try: openssl rand -base64 32)");
  }
  return { ...env, APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "") };
}

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
