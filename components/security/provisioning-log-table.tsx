import Link from "next/link";
import { Badge } from "@/components/badge";
import { formatDateTime } from "@/components/format";
import { Table, TBody, Td, Th, THead } from "@/components/table";
import type { ProvisioningLogEntry } from "@/lib/audit/provisioning";
import { describeRequest, outcomeWords } from "@/lib/audit/provisioning-words";

/** The outcome in words; the HTTP status under it, for whoever compares with the IdP's own log. */
function outcomeBadge(status: number) {
  const o = outcomeWords(status);
  return (
    <>
      <Badge tone={o.tone}>{o.text}</Badge>
      <p className="mt-0.5 text-xs text-zinc-500">HTTP {status}</p>
    </>
  );
}

/** What was asked, in words, with "PATCH /Users/…" under it; the path is shortened to what follows /api/scim/v2. */
function requestLabel(e: Pick<ProvisioningLogEntry, "method" | "path" | "operation">) {
  const path = e.path.replace(/^\/api\/scim\/v2/, "").split("?")[0] || "/";
  return { words: describeRequest(e), line: `${e.method} ${path}` };
}

/** Rows of the provisioning log: when, what, who it was about, outcome and the error detail the IdP got. */
export function ProvisioningLogTable({
  rows,
  compact = false,
  empty,
  memberLinks,
}: {
  rows: ProvisioningLogEntry[];
  compact?: boolean;
  empty: string;
  /** resourceId → membership id of members that still exist, to link the target to the member's page. */
  memberLinks?: Set<string>;
}) {
  if (rows.length === 0) return <p className="px-5 py-4 text-sm text-zinc-600">{empty}</p>;
  return (
    <Table label="Provisioning log">
      <THead>
        <Th>Time (UTC)</Th>
        <Th>Request</Th>
        <Th>Target</Th>
        <Th>Outcome</Th>
        <Th>Detail</Th>
      </THead>
      <TBody>
        {rows.map((e) => {
          const req = requestLabel(e);
          return (
            <tr key={e.id}>
              <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(e.at)}</Td>
              <Td>
                <p className="font-medium text-zinc-900">{req.words}</p>
                <code className="font-mono text-xs text-zinc-500">{req.line}</code>
              </Td>
              <Td className="text-zinc-800">
                {e.resourceId && memberLinks?.has(e.resourceId) ? (
                  <Link href={`/admin/users/${e.resourceId}`} className="hover:text-brand-700 hover:underline">
                    {e.target ?? e.resourceId}
                  </Link>
                ) : (
                  (e.target ?? <span className="text-zinc-400">—</span>)
                )}
                {/* The name as it was at the request: a deleted person's row still says who they were. */}
                {e.targetName && e.targetName !== e.target ? <p className="text-xs text-zinc-600">{e.targetName}</p> : null}
                {e.resourceType ? <p className="text-xs text-zinc-500">{e.resourceType}</p> : null}
              </Td>
              <Td className="whitespace-nowrap">{outcomeBadge(e.status)}</Td>
              <Td className="max-w-md text-zinc-700">
                <p className={compact ? "line-clamp-2" : undefined} title={compact && e.detail ? e.detail : undefined}>
                  {e.detail ?? (e.status < 400 ? <span className="text-zinc-400">—</span> : null)}
                </p>
                {!compact && e.scimType ? <p className="text-xs text-zinc-500">scimType: {e.scimType}</p> : null}
                {!compact && e.ignoredAttributes?.length ? (
                  <p className="text-xs text-zinc-500">Not stored: {e.ignoredAttributes.join(", ")}</p>
                ) : null}
                {!compact && e.requestId ? (
                  // The id the response carried as X-Request-Id: Roster's operators find the server's log line with it.
                  <p className="text-xs text-zinc-500">
                    Request ID: <code className="font-mono select-all">{e.requestId}</code>
                  </p>
                ) : null}
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
