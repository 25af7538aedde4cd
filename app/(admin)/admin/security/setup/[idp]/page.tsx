import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { GuidePicker, SetupGuide } from "@/components/security/setup-guide";
import { requireAdminPage } from "@/lib/auth/viewer";
import { allGuides, isIdpId } from "@/lib/security/idp-guides";
import { loadSetupGuide } from "@/lib/security/overview";

export const metadata: Metadata = { title: "Set up your identity provider" };

export default async function SetupGuidePage({ params }: { params: Promise<{ idp: string }> }) {
  const { org } = await requireAdminPage();
  const { idp } = await params;
  if (!isIdpId(idp)) notFound();
  const view = loadSetupGuide(org, idp);
  return (
    <>
      <PageHeader
        title="Set up your identity provider"
        description="Single sign-on and SCIM provisioning, step by step in your IdP’s own words."
        back={{ href: "/admin/security", label: "Security" }}
      />
      <div className="space-y-4">
        <GuidePicker guides={allGuides()} current={idp} />
        <SetupGuide view={view} />
      </div>
    </>
  );
}
