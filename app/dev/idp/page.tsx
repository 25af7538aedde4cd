import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireDevSurfaces } from "@/lib/dev/guard";
import { connectedOrganisation, demoIdp } from "@/lib/dev/idp/config";
import { loadDirectory } from "@/lib/dev/idp/directory-store";
import { Groups } from "./_components/groups";
import { IdpCard, IdpShell } from "./_components/idp-shell";
import { People } from "./_components/people";
import { ScimLog, ScimSettings } from "./_components/scim";

export const metadata: Metadata = { title: "Demo IdP" };
export const dynamic = "force-dynamic";

/**
 * The demo identity provider's admin console: its SAML app (connected to an
 * organisation through its metadata) and its directory, provisioned into
 * Roster over SCIM. Development and ROSTER_DEMO=1 only.
 */
export default async function DemoIdpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  requireDevSurfaces();
  const { notice, error } = await searchParams;
  const db = await getDb();
  const [directory, org] = await Promise.all([loadDirectory(db), connectedOrganisation(db)]);
  const idp = demoIdp();
  return (
    <IdpShell wide>
      <h1 className="text-2xl font-semibold text-slate-900">Demo identity provider</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-500">
        A pretend Okta inside Roster, for trying single sign-on and provisioning offline. It signs SAML assertions with its own key and
        pushes its directory to Roster over SCIM.
      </p>
      {notice ? (
        <p role="status" className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mb-4 rounded-lg border border-rose-200 bg-rose-50 px-4 py-2.5 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      <div className="space-y-6">
        <IdpCard title="SAML application: Roster">
          <dl className="grid gap-x-6 gap-y-1.5 text-sm md:grid-cols-[max-content_1fr]">
            <dt className="text-slate-500">Connected organisation</dt>
            <dd data-testid="idp-connected-org" className="font-medium text-slate-900">
              {org ? org.name : "None yet: paste the metadata below on an organisation's Security page in Roster"}
            </dd>
            <dt className="text-slate-500">Entity ID</dt>
            <dd className="font-mono text-xs text-slate-700">{idp.entityId}</dd>
            <dt className="text-slate-500">Metadata</dt>
            <dd>
              <a href={idp.metadataUrl} className="font-mono text-xs text-emerald-700 underline">
                {idp.metadataUrl}
              </a>
            </dd>
            <dt className="text-slate-500">Try it</dt>
            <dd className="text-slate-700">
              Open <Link href="/login" className="text-emerald-700 underline">Roster&rsquo;s sign-in page</Link>, enter the email of someone
              below and press Continue; or use their &ldquo;Open Roster&rdquo; button (IdP-initiated sign-in).
            </dd>
          </dl>
        </IdpCard>
        <ScimSettings scim={directory.scim} />
        <People people={directory.people} groups={directory.groups} />
        <Groups groups={directory.groups} people={directory.people} />
        <ScimLog log={directory.log} />
      </div>
    </IdpShell>
  );
}
