import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import type { Organisation } from "@/lib/db/schema";

/** The SSO part of the Security page: the organisation's SAML connection. */
export function SsoSection({ org }: { org: Organisation }) {
  return (
    <Card>
      <CardHeader
        title="Single sign-on (SAML)"
        description="Your people sign in through your identity provider."
        actions={org.ssoConfiguredAt ? <Badge tone="green">Connected</Badge> : <Badge>Not configured</Badge>}
      />
      <p className="px-5 py-4 text-sm text-zinc-600">
        {org.ssoConfiguredAt ? "Your SAML connection is active." : "No SAML connection yet."}
      </p>
    </Card>
  );
}
