import type { Executor } from "@/lib/db";
import { env } from "@/lib/env";
import { getJackson, SSO_PRODUCT } from "@/lib/sso/jackson";
import { getOrganisation } from "@/lib/orgs/organisations";
import { isUuid } from "@/lib/validation";
import { demoSigningKey } from "./keys";
import { idpMetadataXml } from "./saml-idp";

/** The demo IdP's addresses. It lives inside the app, at /dev/idp, and knows one service provider: this Roster. */
export function demoIdp(appUrl = env().APP_URL) {
  return {
    entityId: `${appUrl}/dev/idp`,
    ssoUrl: `${appUrl}/dev/idp/sso`,
    metadataUrl: `${appUrl}/dev/idp/metadata`,
    scimBaseUrl: `${appUrl}/api/scim/v2`,
  };
}

export async function demoIdpMetadata(db: Executor): Promise<string> {
  const { certificate } = await demoSigningKey(db);
  const idp = demoIdp();
  return idpMetadataXml({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, certificate });
}

/** The organisation whose SAML connection is this demo IdP, if any (an IdP entity ID serves one organisation). */
export async function connectedOrganisation(db: Executor): Promise<{ id: string; name: string } | null> {
  const jackson = await getJackson();
  const [connection] = (await jackson.connectionAPIController.getConnections({ entityId: demoIdp().entityId })).filter(
    (c) => c.product === SSO_PRODUCT,
  );
  if (!connection || !isUuid(connection.tenant)) return null;
  const org = await getOrganisation(db, connection.tenant).catch(() => null);
  return org ? { id: org.id, name: org.name } : null;
}
