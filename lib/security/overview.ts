import { listProvisioningLog } from "@/lib/audit/provisioning";
import { getJackson, spInfo, type SpInfo } from "@/lib/sso/jackson";
import type { Executor } from "@/lib/db";
import type { Organisation, ProvisioningLogEntry } from "@/lib/db/schema";
import { listScimTokens, type ScimTokenSummary } from "@/lib/orgs/scim-tokens";
import { scimEnableBlocker } from "@/lib/policy";
import { scimEndpoint } from "@/lib/scim/connection-test";
import { getSsoConnection, type SsoConnection } from "@/lib/sso/connections";
import { guideFor, scimBaseUrlFor, type GuideValue, type IdpGuide, type IdpId } from "./idp-guides";
import { rosterUserAttributes, type MappedAttribute } from "./mapped-attributes";

/*
 * The Security page's reads, composed from the domains it shows (SSO, SCIM
 * settings and tokens, the provisioning log). It sits above them, in a folder
 * of its own, because it depends on all of them and none on it.
 */

/** The SSO half of the Security page: what to give the IdP, and the connection it has. */
export interface SsoOverview {
  sp: SpInfo;
  connection: SsoConnection | null;
  spCertificate: string;
  /** Jackson (the SAML store) did not answer: the page says so rather than showing a half-empty form. */
  unavailable: boolean;
}

/** The SCIM half: on or off (and why it cannot be turned on), the base URL, the tokens and the latest requests. */
export interface ScimOverview {
  enabled: boolean;
  enableBlocker: string | null;
  baseUrl: string;
  tokens: ScimTokenSummary[];
  recent: ProvisioningLogEntry[];
}

export interface SecurityOverview {
  sso: SsoOverview;
  scim: ScimOverview;
}

async function ssoOverview(db: Executor, orgId: string): Promise<SsoOverview> {
  const sp = spInfo();
  let connection: SsoConnection | null = null;
  try {
    connection = await getSsoConnection(db, orgId);
    const spCertificate = (await (await getJackson()).spConfig.get()).publicKey;
    return { sp, connection, spCertificate, unavailable: false };
  } catch (e) {
    console.error("SSO section: Jackson unavailable", e);
    return { sp, connection, spCertificate: "", unavailable: true };
  }
}

async function scimOverview(db: Executor, org: Organisation): Promise<ScimOverview> {
  const [tokens, recent] = await Promise.all([listScimTokens(db, org.id), listProvisioningLog(db, { orgId: org.id, limit: 5 })]);
  return { enabled: org.scimEnabled, enableBlocker: scimEnableBlocker(org), baseUrl: scimEndpoint(), tokens, recent: recent.rows };
}

/** Everything the Security page (owners and admins) shows about single sign-on and SCIM provisioning. */
export async function loadSecurityOverview(db: Executor, org: Organisation): Promise<SecurityOverview> {
  const [sso, scim] = await Promise.all([ssoOverview(db, org.id), scimOverview(db, org)]);
  return { sso, scim };
}

type ValueKey = Extract<GuideValue, { from: string }>["from"];

/** A setup guide with Roster's own values filled in for this IdP (the token is the page's: it is shown only once). */
export interface SetupGuideView {
  guide: IdpGuide;
  values: Record<Exclude<ValueKey, "token">, string>;
  ssoConnected: boolean;
  scim: { enabled: boolean; enableBlocker: string | null; baseUrl: string };
  attributes: MappedAttribute[];
  /** When the page was made, by the server's clock: what the live panel waits after (a browser's clock can be minutes off). */
  openedAt: string;
}

/** The setup guide page: no Jackson call (the SP's addresses are configuration), so it shows even when the SAML store is down. */
export function loadSetupGuide(org: Organisation, id: IdpId): SetupGuideView {
  const sp = spInfo();
  const baseUrl = scimEndpoint();
  return {
    guide: guideFor(id),
    values: { acsUrl: sp.acsUrl, entityId: sp.entityId, metadataUrl: sp.metadataUrl, scimBaseUrl: scimBaseUrlFor(id, baseUrl) },
    ssoConnected: org.ssoConfiguredAt !== null,
    scim: { enabled: org.scimEnabled, enableBlocker: scimEnableBlocker(org), baseUrl },
    attributes: rosterUserAttributes(),
    openedAt: new Date().toISOString(),
  };
}
