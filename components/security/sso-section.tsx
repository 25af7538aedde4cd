import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { formatDate } from "@/components/format";
import type { SsoOverview } from "@/lib/security/overview";
import type { SsoConnection } from "@/lib/sso/connections";
import { CopyField } from "./copy-field";
import { IdpInitiatedToggle, RemoveSsoButton, SsoMetadataForm } from "./sso-forms";

/**
 * The SSO part of the Security page (owner/admin): what to give the IdP
 * (ACS URL, entity ID, metadata, certificate), the IdP's metadata to take
 * back, and the connection's status, replacement and removal.
 */
export function SsoSection({ orgName, sso }: { orgName: string; sso: SsoOverview }) {
  const { sp, connection, spCertificate, unavailable } = sso;
  return (
    <Card>
      <CardHeader
        title="Single sign-on (SAML)"
        description="Your people sign in through your identity provider (Okta, Entra ID, Google, OneLogin, JumpCloud…)."
        actions={connection ? <Badge tone="green">Connected</Badge> : <Badge>Not configured</Badge>}
      />
      {unavailable ? (
        <p role="alert" className="px-5 py-4 text-sm text-rose-700">
          Single sign-on settings are unavailable right now. Reload the page; if it persists, contact support.
        </p>
      ) : (
        <div className="divide-y divide-zinc-100">
          <section className="space-y-3 px-5 py-4" aria-labelledby="sp-details">
            <h3 id="sp-details" className="text-sm font-semibold text-zinc-900">
              1. Give these to your identity provider
            </h3>
            <p className="text-sm text-zinc-500">
              Create a SAML application in your IdP with these values, or import{" "}
              <a href={sp.metadataUrl} className="font-medium text-brand-600 hover:text-brand-700">
                Roster&rsquo;s metadata
              </a>
              . Use the email address as the NameID.
            </p>
            <div className="grid gap-3 md:grid-cols-2">
              <CopyField label="ACS URL" value={sp.acsUrl} />
              <CopyField label="Entity ID (audience)" value={sp.entityId} />
              <CopyField label="SP metadata URL" value={sp.metadataUrl} />
              <div>
                <CopyField label="SP certificate" value={spCertificate} multiline />
                <a href={sp.certificateUrl} className="mt-1 inline-block text-xs font-medium text-brand-600 hover:text-brand-700">
                  Download certificate
                </a>
              </div>
            </div>
          </section>
          {connection ? <Connected orgName={orgName} connection={connection} /> : <NotConnected />}
        </div>
      )}
    </Card>
  );
}

function NotConnected() {
  return (
    <section className="space-y-3 px-5 py-4" aria-labelledby="idp-metadata">
      <h3 id="idp-metadata" className="text-sm font-semibold text-zinc-900">
        2. Add your identity provider&rsquo;s metadata
      </h3>
      <p className="text-sm text-zinc-500">
        Download the SAML metadata XML from your IdP&rsquo;s application and paste or upload it here. SCIM provisioning can be turned
        on once single sign-on is connected.
      </p>
      <SsoMetadataForm replacing={false} />
    </section>
  );
}

function Connected({ orgName, connection }: { orgName: string; connection: SsoConnection }) {
  const cert = connection.certificates[0];
  return (
    <>
      <section className="space-y-3 px-5 py-4" aria-labelledby="idp-connected">
        <h3 id="idp-connected" className="text-sm font-semibold text-zinc-900">
          Connected identity provider
        </h3>
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[max-content_1fr]">
          <dt className="text-zinc-500">IdP entity ID</dt>
          <dd className="font-mono text-xs break-all text-zinc-900" data-testid="idp-entity-id">
            {connection.idpEntityId}
          </dd>
          <dt className="text-zinc-500">Sign-in URL</dt>
          <dd className="font-mono text-xs break-all text-zinc-900">{connection.ssoUrl}</dd>
          {cert ? (
            <>
              <dt className="text-zinc-500">Signing certificate</dt>
              <dd className="text-zinc-900">
                {cert.subject} · {cert.expired ? <Badge tone="red">expired {formatDate(cert.validTo)}</Badge> : `valid until ${formatDate(cert.validTo)}`}
                <span className="mt-0.5 block font-mono text-[11px] break-all text-zinc-500">SHA-256 {cert.fingerprintSha256}</span>
              </dd>
            </>
          ) : null}
          {connection.configuredAt ? (
            <>
              <dt className="text-zinc-500">Connected on</dt>
              <dd className="text-zinc-900">{formatDate(connection.configuredAt)}</dd>
            </>
          ) : null}
        </dl>
        <IdpInitiatedToggle enabled={connection.idpInitiated} />
      </section>
      <section className="space-y-3 px-5 py-4" aria-labelledby="idp-replace">
        <h3 id="idp-replace" className="text-sm font-semibold text-zinc-900">
          Replace or remove
        </h3>
        <details className="group rounded-lg border border-zinc-200">
          <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-50">
            Replace with new metadata (a rotated certificate, another IdP)
          </summary>
          <div className="border-t border-zinc-100 p-4">
            <SsoMetadataForm replacing />
          </div>
        </details>
        <RemoveSsoButton orgName={orgName} />
      </section>
    </>
  );
}
