import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { plural, relative } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { DeleteEndpoint, EditEndpoint, RotateSecret, SendTestEvent, ToggleEndpoint } from "@/components/webhooks/endpoint-actions";
import { NewEndpoint } from "@/components/webhooks/new-endpoint";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { org } = await requireAdminPage();
  const endpoints = await listWebhookEndpoints(await getDb(), org.id);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell your other systems (an HR tool, a data warehouse, your own scripts) when people and groups change in Roster."
        actions={endpoints.length ? <NewEndpoint /> : undefined}
      />
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet" action={<NewEndpoint />}>
          Add an endpoint and Roster sends it a signed JSON message, with the person’s or group’s SCIM representation, each time
          one of the events you choose happens. Failed deliveries are retried for three days.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {endpoints.map((e) => (
            <Card key={e.id}>
              <div className="flex flex-wrap items-start justify-between gap-3 px-5 py-4">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <code className="truncate font-mono text-sm font-semibold text-zinc-900">{e.url}</code>
                    {e.enabled ? <Badge tone="green">On</Badge> : <Badge tone="red">Off</Badge>}
                    {e.enabled && e.failingSince ? <Badge tone="amber">Failing since {relative(e.failingSince, now)}</Badge> : null}
                  </p>
                  <p className="mt-1 text-sm text-zinc-500">
                    {e.events.length === WEBHOOK_EVENTS.length ? "All events" : plural(e.events.length, "event")}: {e.events.join(", ")}
                  </p>
                </div>
                <Link href={`/admin/webhooks/${e.id}`} className="text-sm font-medium text-brand-700 hover:underline">
                  Delivery log →
                </Link>
              </div>
              {e.disabledReason ? (
                <Alert tone="warning" className="mx-5 mb-4" title="Turned off by Roster">
                  {e.disabledReason} Fix the receiver, then turn it back on; use Resend in the delivery log for what it missed.
                </Alert>
              ) : null}
              <div className="flex flex-wrap items-center gap-2 border-t border-zinc-100 px-5 py-3">
                <SendTestEvent endpointId={e.id} />
                <EditEndpoint endpoint={e} />
                <RotateSecret endpointId={e.id} />
                <ToggleEndpoint endpoint={e} />
                <DeleteEndpoint endpoint={e} />
              </div>
            </Card>
          ))}
          <p className="text-sm text-zinc-500">
            Every request carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> headers
            (Standard Webhooks). The id stays the same when a delivery is retried or resent, so your receiver can drop duplicates.
          </p>
        </div>
      )}
    </>
  );
}
