import type { Metadata } from "next";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const { org } = await requireAdminPage();
  return (
    <>
      <PageHeader title="Security" description="Single sign-on and SCIM provisioning for your organisation." />
      <Card>
        <CardHeader
          title="SCIM provisioning"
          description="Lets your identity provider add, update and remove people automatically."
          actions={org.scimEnabled ? <Badge tone="green">Enabled</Badge> : <Badge>Off</Badge>}
        />
        <p className="px-5 py-4 text-sm text-zinc-600">
          {org.scimEnabled
            ? "Your identity provider manages people and groups. Tokens and the provisioning log are shown here."
            : "Set up single sign-on first, then enable SCIM provisioning."}
        </p>
      </Card>
    </>
  );
}
