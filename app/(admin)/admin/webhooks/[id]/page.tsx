import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { KeysetPagination } from "@/components/pagination";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { DeleteEndpoint, EditEndpoint, RotateSecret, SendTestEvent, ToggleEndpoint } from "@/components/webhooks/endpoint-actions";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { getWebhookEndpoint, listWebhookDeliveries } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookEndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string }> }) {
  const { org } = await requireAdminPage();
  const { id } = await params;
  const before = Number.parseInt((await searchParams).before ?? "", 10);
  const db = await getDb();
  const endpoint = await getWebhookEndpoint(db, org.id, id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const log = await listWebhookDeliveries(db, { orgId: org.id, endpointId: endpoint.id, before: Number.isFinite(before) ? before : null });
  const here = `/admin/webhooks/${endpoint.id}`;
  return (
    <>
      <PageHeader
        back={{ href: "/admin/webhooks", label: "Webhooks" }}
        title={endpoint.url}
        description={endpoint.events.join(", ")}
        actions={endpoint.enabled ? <Badge tone="green">On</Badge> : <Badge tone="red">Off</Badge>}
      />
      {endpoint.disabledReason ? (
        <Alert tone="warning" className="mb-6" title="Turned off by Roster">
          {endpoint.disabledReason} Fix the receiver, then turn it back on; Resend sends what it missed.
        </Alert>
      ) : null}
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <SendTestEvent endpointId={endpoint.id} />
        <EditEndpoint endpoint={endpoint} />
        <RotateSecret endpointId={endpoint.id} />
        <ToggleEndpoint endpoint={endpoint} />
        <DeleteEndpoint endpoint={endpoint} afterDelete="/admin/webhooks" />
      </div>
      {log.rows.length === 0 && !before ? (
        <EmptyState title="Nothing sent yet">
          Deliveries appear here as the chosen events happen. Send a test event to check that your receiver answers.
        </EmptyState>
      ) : (
        <Card>
          <CardHeader title="Delivery log" description="Newest first. Failed deliveries are retried for three days; Resend sends one again now." />
          <DeliveryLog deliveries={log.rows} />
          <KeysetPagination newestHref={before ? here : null} olderHref={log.nextBefore ? `${here}?before=${log.nextBefore}` : null} />
        </Card>
      )}
    </>
  );
}
