import { emitEvent } from "@/lib/webhooks/emit";
import type { SAMLJackson, SAMLSSORecord } from "@boxyhq/saml-jackson";
import { eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { organisations } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { getOrganisation } from "@/lib/orgs/organisations";
import { authorize } from "@/lib/policy";
import { getJackson, samlRedirects, SSO_PRODUCT } from "@/lib/sso/jackson";
import { describeCertificate, readIdpMetadata, type IdpCertificate } from "./metadata";

/** What the Security page and the CLI show about an organisation's SAML connection. */
export interface SsoConnection {
  idpEntityId: string;
  ssoUrl: string;
  certificates: IdpCertificate[];
  idpInitiated: boolean;
  configuredAt: Date | null;
}

const isSaml = (c: unknown): c is SAMLSSORecord => typeof c === "object" && c !== null && "idpMetadata" in c;

async function samlRecords(jackson: SAMLJackson, orgId: string): Promise<SAMLSSORecord[]> {
  const all = await jackson.connectionAPIController.getConnections({ tenant: orgId, product: SSO_PRODUCT });
  return all.filter(isSaml);
}

function summarise(record: SAMLSSORecord, org: { ssoIdpInitiated: boolean; ssoConfiguredAt: Date | null }): SsoConnection {
  const certs = (record.idpMetadata.publicKey ?? "").split(",").filter(Boolean);
  return {
    idpEntityId: record.idpMetadata.entityID,
    ssoUrl: record.idpMetadata.sso.redirectUrl ?? record.idpMetadata.sso.postUrl ?? "",
    certificates: certs.map((c) => describeCertificate(c.replace(/\s+/g, ""))),
    idpInitiated: org.ssoIdpInitiated,
    configuredAt: org.ssoConfiguredAt,
  };
}

export async function getSsoConnection(db: Executor, orgId: string, jackson?: SAMLJackson): Promise<SsoConnection | null> {
  const org = await getOrganisation(db, orgId);
  const [record] = await samlRecords(jackson ?? (await getJackson()), orgId);
  return record ? summarise(record, org) : null;
}

/**
 * Configures (or replaces) the organisation's one SAML connection from its
 * IdP's metadata. Jackson is written first; only then does Roster record
 * `sso_configured_at` (which the SCIM rule reads) and the audit entry, in one
 * transaction, so Roster never claims a connection Jackson does not have.
 */
export async function setSsoConnection(
  db: Executor,
  p: { orgId: string; metadataXml: string; idpInitiated?: boolean; actor: Actor },
): Promise<{ connection: SsoConnection; replaced: boolean }> {
  const org = await getOrganisation(db, p.orgId);
  authorize(p.actor, "sso.configure", { org });
  const metadata = readIdpMetadata(p.metadataXml);
  const jackson = await getJackson();
  const before = await samlRecords(jackson, org.id);
  const redirects = samlRedirects();
  let created: SAMLSSORecord;
  try {
    created = (await jackson.connectionAPIController.createSAMLConnection({
      rawMetadata: p.metadataXml.trim(),
      tenant: org.id,
      product: SSO_PRODUCT,
      name: org.name.slice(0, 100),
      defaultRedirectUrl: redirects.idpInitiatedUrl,
      redirectUrl: [redirects.callbackUrl],
    })) as SAMLSSORecord;
  } catch (e) {
    throw fromJacksonError(e, metadata.entityId);
  }
  // One connection per organisation: a new IdP replaces the old one.
  for (const old of before) {
    if (old.clientID !== created.clientID) {
      await jackson.connectionAPIController.deleteConnections({ clientID: old.clientID, clientSecret: old.clientSecret });
    }
  }
  const replaced = before.length > 0;
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(organisations)
      .set({
        ssoConfiguredAt: sql`now()`,
        ...(p.idpInitiated === undefined ? {} : { ssoIdpInitiated: p.idpInitiated }),
        updatedAt: sql`now()`,
      })
      .where(eq(organisations.id, org.id))
      .returning();
    await recordAudit(tx, {
      orgId: org.id,
      actor: p.actor,
      action: replaced ? "sso.replaced" : "sso.configured",
      target: metadata.entityId,
      details: { ssoUrl: metadata.ssoUrl, idpInitiated: row!.ssoIdpInitiated },
    });
    await emitEvent(tx, org.id, "sso.connection.updated", {
      resource: "data",
      data: { state: replaced ? "replaced" : "configured", entityId: metadata.entityId, ssoUrl: metadata.ssoUrl, idpInitiated: row!.ssoIdpInitiated },
    });
    return row!;
  });
  return { connection: summarise(created, updated), replaced };
}

/** Removes the connection; members of the organisation then sign in with email links again. */
export async function removeSsoConnection(db: Executor, p: { orgId: string; actor: Actor }): Promise<void> {
  const org = await getOrganisation(db, p.orgId);
  authorize(p.actor, "sso.remove", { org });
  const jackson = await getJackson();
  const records = await samlRecords(jackson, org.id);
  if (records.length === 0 && !org.ssoConfiguredAt) throw new NotFoundError(`${org.name} has no SSO connection to remove.`);
  await jackson.connectionAPIController.deleteConnections({ tenant: org.id, product: SSO_PRODUCT });
  await db.transaction(async (tx) => {
    await tx
      .update(organisations)
      .set({ ssoConfiguredAt: null, ssoIdpInitiated: false, updatedAt: sql`now()` })
      .where(eq(organisations.id, org.id));
    await recordAudit(tx, { orgId: org.id, actor: p.actor, action: "sso.removed", target: records[0]?.idpMetadata.entityID ?? null });
    await emitEvent(tx, org.id, "sso.connection.updated", { resource: "data", data: { state: "removed", entityId: records[0]?.idpMetadata.entityID ?? null } });
  });
}

/** IdP-initiated sign-in is off by default: an unsolicited response is easier to replay or plant (login CSRF). */
export async function setIdpInitiated(db: Executor, p: { orgId: string; allowed: boolean; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "sso.idp_initiated", { org });
    if (!org.ssoConfiguredAt) throw new ValidationError("Set up the SAML connection first.", "idpInitiated");
    if (org.ssoIdpInitiated === p.allowed) return;
    await tx.update(organisations).set({ ssoIdpInitiated: p.allowed, updatedAt: sql`now()` }).where(eq(organisations.id, org.id));
    await recordAudit(tx, { orgId: org.id, actor: p.actor, action: p.allowed ? "sso.idp_initiated_on" : "sso.idp_initiated_off" });
  });
}

function fromJacksonError(e: unknown, entityId: string): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (/EntityID already exists for different tenant/i.test(message)) {
    return new ConflictError(
      `This identity provider (entity ID ${entityId}) is already connected to another organisation. Each organisation needs its own IdP application.`,
      "metadata",
    );
  }
  const status = (e as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) return new ValidationError(`The metadata was refused: ${message}`, "metadata");
  return e instanceof Error ? e : new Error(message);
}
