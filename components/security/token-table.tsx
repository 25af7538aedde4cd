import { Badge } from "@/components/badge";
import { ConfirmAction } from "@/components/confirm-action";
import { formatDate, formatDateTime, relative } from "@/components/format";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import type { ScimTokenSummary } from "@/lib/orgs/scim-tokens";

function status(t: ScimTokenSummary, now: Date) {
  if (t.revokedAt) return <Badge>Revoked</Badge>;
  if (t.expiresAt && t.expiresAt <= now) return <Badge tone="red">Expired</Badge>;
  if (t.expiresAt && t.expiresAt.getTime() - now.getTime() < 14 * 86_400_000) return <Badge tone="amber">Expires soon</Badge>;
  return <Badge tone="green">Active</Badge>;
}

/** The organisation's SCIM tokens: never the token itself, only its first characters. */
export function TokenTable({ tokens }: { tokens: ScimTokenSummary[] }) {
  const now = new Date();
  if (tokens.length === 0) {
    return <p className="px-5 py-4 text-sm text-zinc-600">No tokens. Generate one and give it to your identity provider.</p>;
  }
  return (
    <Table label="SCIM tokens">
      <THead>
        <Th>Token</Th>
        <Th>Created</Th>
        <Th>Expires</Th>
        <Th>Last used</Th>
        <Th>Status</Th>
        <Th className="text-right">
          <span className="sr-only">Actions</span>
        </Th>
      </THead>
      <TBody>
        {tokens.map((t) => (
          <tr key={t.id}>
            <Td>
              <code className="font-mono text-zinc-900">{t.prefix}…</code>
              {t.label ? <p className="text-xs text-zinc-500">{t.label}</p> : null}
            </Td>
            <Td className="text-zinc-600">{formatDate(t.createdAt)}</Td>
            <Td className="text-zinc-600">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</Td>
            <Td className="text-zinc-600" >
              {t.lastUsedAt ? <span title={`${formatDateTime(t.lastUsedAt)} UTC`}>{relative(t.lastUsedAt, now)}</span> : "Never"}
            </Td>
            <Td>{status(t, now)}</Td>
            <Td className="text-right">
              {t.revokedAt ? null : (
                <ConfirmAction
                  label="Revoke"
                  title={`Revoke the token ${t.prefix}…?`}
                  description="Requests made with it are refused at once. If your identity provider still uses it, provisioning stops until you give it another token."
                  confirmLabel="Revoke token"
                  request={{ url: `/api/admin/scim/tokens/${t.id}`, method: "DELETE" }}
                />
              )}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
