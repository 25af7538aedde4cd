import { eq } from "drizzle-orm";
import { getJackson, spInfo, SSO_PRODUCT } from "@/lib/sso/jackson";
import { refusalUrl } from "@/lib/sso/refusals";
import { getDb, type Db } from "@/lib/db";
import { organisations } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { scrubSecrets } from "@/lib/log/redact";
import { countSamlRefused } from "@/lib/metrics/saml";
import { isUuid } from "@/lib/validation";
import { AcsRefusal, checkSamlResponse, type AcsDeps, type IdpConnection } from "./acs";
import { markAssertionUsed, purgeExpiredAssertions } from "./replay";
import type { AcsRefusalCode } from "./saml-response";

const redirect = (url: string) => new Response(null, { status: 303, headers: { location: url, "cache-control": "no-store" } });

/** A response refused before Jackson saw it or by Jackson: counted by its code, and the browser sent to the page that explains it. */
function refuse(code: AcsRefusalCode | "rejected"): Response {
  countSamlRefused(code);
  return redirect(`${env().APP_URL}${refusalUrl("saml", null, code)}`);
}

let lastPurge = 0;

/** The production wiring of Roster's ACS checks: Jackson's connections, the organisation's setting, the replay table. */
export async function acsDeps(db: Db): Promise<AcsDeps> {
  const jackson = await getJackson();
  const sp = spInfo();
  return {
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    async connectionsFor(issuer) {
      const found = await jackson.connectionAPIController.getConnections({ entityId: issuer });
      return found
        .filter((c) => c.product === SSO_PRODUCT && "idpMetadata" in c && !c.deactivated)
        .map((c): IdpConnection => {
          const meta = (c as { idpMetadata: { publicKey?: string; thumbprint?: string } }).idpMetadata;
          return { tenant: c.tenant, publicKey: meta.publicKey, thumbprint: meta.publicKey ? undefined : meta.thumbprint };
        });
    },
    async idpInitiatedAllowed(tenant) {
      if (!isUuid(tenant)) return false;
      const [org] = await db.select({ allowed: organisations.ssoIdpInitiated }).from(organisations).where(eq(organisations.id, tenant));
      return org?.allowed ?? false;
    },
    async markUsed(p) {
      if (Date.now() - lastPurge > 60_000) {
        lastPurge = Date.now();
        await purgeExpiredAssertions(db);
      }
      return markAssertionUsed(db, p);
    },
  };
}

/**
 * POST /api/oauth/saml: the IdP's browser post. Roster's checks run first;
 * only a response that passes them reaches Jackson, which issues the one-time
 * code next-auth redeems. Every refusal is a redirect to a page that says what
 * happened, never a 5xx.
 */
export async function handleAcsPost(req: Request, deps?: AcsDeps): Promise<Response> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return refuse("malformed");
  }
  const samlResponse = form.get("SAMLResponse");
  const relayState = form.get("RelayState");
  if (typeof samlResponse !== "string") return refuse("malformed");
  const input = { samlResponse, relayState: typeof relayState === "string" ? relayState : "" };
  try {
    await checkSamlResponse(input, deps ?? (await acsDeps(await getDb())));
  } catch (e) {
    if (!(e instanceof AcsRefusal)) throw e;
    log().warn({ area: "sso", reason: e.code, detail: scrubSecrets(e.message.slice(0, 300)) }, "SAML response refused");
    return refuse(e.code);
  }
  const jackson = await getJackson();
  try {
    const result = await jackson.oauthController.samlResponse({ SAMLResponse: input.samlResponse, RelayState: input.relayState });
    if (result.redirect_url && !result.error) return redirect(result.redirect_url);
    log().warn({ area: "sso", reason: "rejected", detail: scrubSecrets(result.error ?? "unexpected federation response") }, "SAML response refused by Jackson");
  } catch (e) {
    log().warn({ area: "sso", reason: "rejected", err: e }, "SAML response refused by Jackson");
  }
  return refuse("rejected");
}
