import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import type { Organisation } from "@/lib/db/schema";

/** The SCIM part of the Security page: provisioning on/off, tokens, provisioning log. */
export function ScimSection({ org }: { org: Organisation }) {
  return (
    <Card>
      <CardHeader
        title="SCIM provisioning"
        description="Lets your identity provider add, update and remove people automatically."
        actions={org.scimEnabled ? <Badge tone="green">Enabled</Badge> : <Badge>Off</Badge>}
      />
      <p className="px-5 py-4 text-sm text-zinc-600">
        {org.scimEnabled
          ? "Your identity provider manages people and groups."
          : "Set up single sign-on first, then enable SCIM provisioning."}
      </p>
    </Card>
  );
}
