import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { seatUsage } from "@/lib/orgs/seats";

export const metadata: Metadata = { title: "Billing" };

const money = (cents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

export default async function BillingPage() {
  const { org } = await requireAdminPage();
  const usage = await seatUsage(await getDb(), org.id);
  return (
    <>
      <PageHeader title="Billing" description="Your plan and seats." />
      <Card>
        <CardHeader title="Plan" />
        <dl className="grid grid-cols-2 gap-6 px-5 py-5 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-zinc-500">Plan</dt>
            <dd className="mt-1 font-medium capitalize">{org.plan}</dd>
          </div>
          <div>
            <dt className="text-zinc-500">Seats purchased</dt>
            <dd className="mt-1 font-medium">{usage.seats}</dd>
          </div>
          <div>
            <dt className="text-zinc-500">Seats used</dt>
            <dd className="mt-1 font-medium">{usage.held}</dd>
          </div>
          <div>
            <dt className="text-zinc-500">Billing</dt>
            <dd className="mt-1 font-medium">{org.billingMethod === "invoice" ? "Invoice" : `Card · ${money(org.seatPriceCents)} per seat / year`}</dd>
          </div>
        </dl>
      </Card>
    </>
  );
}
