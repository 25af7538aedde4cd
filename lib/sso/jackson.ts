import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { JacksonOption, SAMLJackson } from "@boxyhq/saml-jackson";
import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { scrubSecrets } from "@/lib/log/redact";
import { authSecret } from "@/lib/auth-secret";

/**
 * The embedded SAML service provider (BoxyHQ Jackson): one connection per
 * organisation (tenant = organisation id, product = "roster"). Jackson keeps
 * its own tables: in PostgreSQL next to Roster's (jackson_*, ignored by
 * drizzle-kit) when DATABASE_URL is set, else in a SQLite file under DATA_DIR
 * that survives restarts and needs nothing installed (PGlite allows only one
 * opener, and it is Roster's).
 */
export const SSO_PRODUCT = "roster";
const ACS_PATH = "/api/oauth/saml";

export interface SpInfo {
  /** Where the IdP posts its SAML response. */
  acsUrl: string;
  /** The audience every assertion must name exactly (our SAML entity ID). */
  entityId: string;
  metadataUrl: string;
  certificateUrl: string;
}

export function spInfo(appUrl = env().APP_URL): SpInfo {
  return {
    acsUrl: `${appUrl}${ACS_PATH}`,
    entityId: appUrl,
    metadataUrl: `${appUrl}/.well-known/sp-metadata`,
    certificateUrl: `${appUrl}/.well-known/saml.cer`,
  };
}

/** next-auth's callback for the SAML provider, and where Jackson sends IdP-initiated sign-ins. */
export const samlRedirects = (appUrl = env().APP_URL) => ({
  callbackUrl: `${appUrl}/api/auth/callback/boxyhq-saml`,
  idpInitiatedUrl: `${appUrl}/login/idp`,
});

/** The client secret next-auth presents at /api/oauth/token; derived from AUTH_SECRET so nothing more needs configuring. */
export function clientSecretVerifier(): string {
  return createHmac("sha256", authSecret()).update("roster:jackson:client-secret").digest("base64url");
}

/** How long a started sign-in may take at the IdP (Jackson's session, code and token lifetime): MFA can be slow. */
const OAUTH_TTL_S = 15 * 60;

export type JacksonStore = { kind: "postgres"; url: string } | { kind: "sqlite"; file: string };

function defaultStore(): JacksonStore {
  const e = env();
  if (e.DATABASE_URL) return { kind: "postgres", url: e.DATABASE_URL };
  // A plain path: better-sqlite3 takes a `file://` URL literally and makes a folder named "file:".
  return { kind: "sqlite", file: path.resolve(e.DATA_DIR, "jackson.sqlite") };
}

function jacksonOptions(store: JacksonStore, appUrl = env().APP_URL): JacksonOption {
  const sp = spInfo(appUrl);
  return {
    externalUrl: appUrl,
    samlPath: ACS_PATH,
    acsUrl: sp.acsUrl,
    samlAudience: sp.entityId,
    // Jackson may accept unsolicited responses; Roster's ACS decides per organisation (lib/sso/acs.ts).
    idpEnabled: true,
    noAnalytics: true,
    clientSecretVerifier: clientSecretVerifier(),
    // Traces would keep raw SAML responses (personal data) for a week; Roster logs its own refusals.
    ssoTraces: { disable: true },
    openid: {},
    db:
      store.kind === "postgres"
        ? { engine: "sql", type: "postgres", url: store.url, ttl: OAUTH_TTL_S, cleanupLimit: 1000 }
        : { engine: "sql", type: "sqlite", url: store.file, ttl: OAUTH_TTL_S, cleanupLimit: 1000 },
    // Jackson's info lines say nothing an operator needs; its warnings and errors become Roster's lines, scrubbed.
    logger: {
      info: () => {},
      warn: (m: string) => log().warn({ area: "sso", detail: scrubSecrets(String(m).slice(0, 500)) }, "jackson"),
      error: (m: string) => log().error({ area: "sso", detail: scrubSecrets(String(m).slice(0, 500)) }, "jackson"),
    },
  };
}

const holder = globalThis as unknown as { __rosterJackson?: Promise<SAMLJackson> };

/**
 * The process-wide Jackson, created on first use and cached on globalThis
 * (Next.js reloads modules in development; Jackson itself keeps one store per
 * process). Jackson retries an unreachable database forever, so the database
 * is checked first and a failure is reported at once.
 */
export function getJackson(store?: JacksonStore): Promise<SAMLJackson> {
  holder.__rosterJackson ??= (async () => {
    const chosen = store ?? defaultStore();
    if (chosen.kind === "postgres") {
      await assertReachable(chosen.url);
    } else {
      fs.mkdirSync(path.dirname(chosen.file), { recursive: true });
    }
    const { controllers } = await import("@boxyhq/saml-jackson");
    return controllers(jacksonOptions(chosen));
  })().catch((err: unknown) => {
    holder.__rosterJackson = undefined;
    throw err;
  });
  return holder.__rosterJackson;
}

export async function closeJackson(): Promise<void> {
  const pending = holder.__rosterJackson;
  holder.__rosterJackson = undefined;
  if (pending) await (await pending).close();
}

async function assertReachable(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select 1`;
  } catch (e) {
    throw new Error(`SSO store: cannot reach PostgreSQL at ${new URL(url).host}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await client.end({ timeout: 1 });
  }
}
