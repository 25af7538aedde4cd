import { eq } from "drizzle-orm";
import { getJackson, spInfo, SSO_PRODUCT } from "@/lib/sso/jackson";
import { refusalUrl } from "@/lib/sso/refusals";
import { getDb, type Db } from "@/lib/db";
import { organisations } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/validation";
import { AcsRefusal, checkSamlResponse, type AcsDeps, type IdpConnection } from "./acs";
import { markAssertionUsed, purgeExpiredAssertions } from "./replay";

const redirect = (url: string) => new Response(null, { status: 303, headers: { location: url, "cache-control": "no-store" } });

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
  const appUrl = env().APP_URL;
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return redirect(`${appUrl}${refusalUrl("saml", null, "malformed")}`);
  }
  const samlResponse = form.get("SAMLResponse");
  const relayState = form.get("RelayState");
  if (typeof samlResponse !== "string") return redirect(`${appUrl}${refusalUrl("saml", null, "malformed")}`);
  const input = { samlResponse, relayState: typeof relayState === "string" ? relayState : "" };
  try {
    await checkSamlResponse(input, deps ?? (await acsDeps(await getDb())));
  } catch (e) {
    if (!(e instanceof AcsRefusal)) throw e;
    console.warn(`SSO: refused a SAML response (${e.code}): ${e.message}`);
    return redirect(`${appUrl}${refusalUrl("saml", null, e.code)}`);
  }
  const jackson = await getJackson();
  try {
    const result = await jackson.oauthController.samlResponse({ SAMLResponse: input.samlResponse, RelayState: input.relayState });
    if (result.redirect_url && !result.error) return redirect(result.redirect_url);
    console.warn(`SSO: Jackson refused a SAML response: ${result.error ?? "unexpected federation response"}`);
  } catch (e) {
    console.warn(`SSO: Jackson refused a SAML response: ${e instanceof Error ? e.message : String(e)}`);
  }
  return redirect(`${appUrl}${refusalUrl("saml", null, "rejected")}`);
}
