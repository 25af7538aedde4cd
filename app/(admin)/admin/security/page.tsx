import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { GuidePicker } from "@/components/security/setup-guide";
import { ScimSection } from "@/components/security/scim-section";
import { SsoSection } from "@/components/security/sso-section";
import { GuardSection } from "@/components/security/guard-section";
import { guardOverview } from "@/lib/orgs/deprovision-guard";
import { requireAdminPage } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { allGuides } from "@/lib/security/idp-guides";
import { loadSecurityOverview } from "@/lib/security/overview";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const { org, membership } = await requireAdminPage();
  const db = await getDb();
  const [{ sso, scim }, guard] = await Promise.all([loadSecurityOverview(db, org), guardOverview(db, org.id)]);
  return (
    <>
      <PageHeader title="Security" description="Single sign-on and SCIM provisioning for your organisation." />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Set up your identity provider"
            description="A guide for each IdP: what to click, what to paste, what to switch on, and a live check that its first request arrived."
          />
          <div className="px-5 py-4">
            <GuidePicker guides={allGuides()} />
          </div>
        </Card>
        <SsoSection orgName={org.name} sso={sso} />
        <ScimSection scim={scim} />
        <GuardSection guard={guard} canChange={membership.role === "owner"} />
      </div>
    </>
  );
}
