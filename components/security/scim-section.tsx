import Link from "next/link";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { ConfirmAction } from "@/components/confirm-action";
import type { ScimOverview } from "@/lib/security/overview";
import { EnableScim } from "./enable-scim";
import { NewToken } from "./new-token";
import { ProvisioningLogTable } from "./provisioning-log-table";
import { ScimReveal } from "./scim-reveal";
import { TestConnection } from "./test-connection";
import { Secret } from "./token-reveal";
import { TokenTable } from "./token-table";

/** The SCIM part of the Security page: provisioning on/off, tokens, Test connection, the latest provisioning requests. */
export function ScimSection({ scim }: { scim: ScimOverview }) {
  const { enabled, enableBlocker, baseUrl, tokens, recent } = scim;
  return (
    <Card>
      <CardHeader
        title="SCIM provisioning"
        description="Lets your identity provider add, update, deactivate and remove people and groups automatically."
        actions={enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}
      />
      <ScimReveal>
      {!enabled ? (
        <div className="space-y-4 px-5 py-5">
          <p className="max-w-2xl text-sm text-zinc-600">
            When SCIM is on, your IdP is the source of truth for people: it invites them (each takes a seat), keeps their
            names and emails in sync, and deactivates or removes them. Roles stay here. Removing people in Roster is turned off
            while SCIM is on.
          </p>
          <EnableScim blocker={enableBlocker} />
        </div>
      ) : (
        <div className="divide-y divide-zinc-100">
          <div className="space-y-3 px-5 py-5">
            <Secret label="SCIM base URL" value={baseUrl} />
            <p className="text-xs text-zinc-500">Your IdP authenticates with a bearer token from the list below.</p>
          </div>
          <div>
            <div className="flex flex-wrap items-center justify-between gap-3 px-5 pt-5">
              <h3 className="text-sm font-semibold text-zinc-900">Tokens</h3>
              <NewToken baseUrl={baseUrl} />
            </div>
            <TokenTable tokens={tokens} />
          </div>
          <div className="space-y-2 px-5 py-5">
            <h3 className="text-sm font-semibold text-zinc-900">Test connection</h3>
            <p className="text-sm text-zinc-600">
              Paste the token your IdP uses: Roster calls its own SCIM endpoint with it, the way your IdP does.
            </p>
            <TestConnection />
          </div>
          <div className="pb-2">
            <div className="flex items-center justify-between px-5 pt-5">
              <h3 className="text-sm font-semibold text-zinc-900">Latest provisioning requests</h3>
              <Link href="/admin/security/provisioning" className="text-sm font-medium text-brand-700 hover:underline">
                Full provisioning log →
              </Link>
            </div>
            <ProvisioningLogTable rows={recent} compact empty="Nothing yet. Requests from your IdP appear here as they arrive." />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
            <p className="text-sm text-zinc-600">Turning SCIM off stops your IdP at once. Tokens are kept and work again if you turn it back on.</p>
            <ConfirmAction
              label="Turn off SCIM"
              size="md"
              title="Turn off SCIM provisioning?"
              description="Your identity provider’s requests are refused from now on, so new hires are not added and leavers are not removed automatically. You can then invite and remove people here."
              confirmLabel="Turn off SCIM"
              request={{ url: "/api/admin/scim", body: { enabled: false } }}
            />
          </div>
        </div>
      )}
      </ScimReveal>
    </Card>
  );
}
