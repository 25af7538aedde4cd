import { Badge } from "../badge";
import { formatDateTime, relative } from "../format";
import { Table, TBody, Td, Th, THead } from "../table";
import { ResendDelivery } from "./endpoint-actions";

export interface DeliveryRow {
  id: number;
  messageId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  responseStatus: number | null;
  latencyMs: number | null;
  responseExcerpt: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
}

function outcome(d: DeliveryRow, now: Date) {
  if (d.status === "delivered") return <Badge tone="green">Delivered</Badge>;
  if (d.status === "failed") return <Badge tone="red">Failed</Badge>;
  if (d.attempts === 0) return <Badge>Queued</Badge>;
  return (
    <span className="inline-flex flex-col gap-0.5">
      <Badge tone="amber">Retrying</Badge>
      <span className="text-xs text-zinc-500">next {relative(d.nextAttemptAt, now)}</span>
    </span>
  );
}

/** One endpoint's deliveries, newest first: what was sent, when, and what the receiver answered. */
export function DeliveryLog({ deliveries }: { deliveries: DeliveryRow[] }) {
  const now = new Date();
  return (
    <Table label="Delivery log">
      <THead>
        <Th>Event</Th>
        <Th>Time</Th>
        <Th>Outcome</Th>
        <Th>Response</Th>
        <Th>Latency</Th>
        <Th>Attempts</Th>
        <Th className="text-right">
          <span className="sr-only">Actions</span>
        </Th>
      </THead>
      <TBody>
        {deliveries.map((d) => (
          <tr key={d.id}>
            <Td>
              <code className="font-mono text-[13px] text-zinc-900">{d.eventType}</code>
              <p className="font-mono text-xs text-zinc-400" title="webhook-id: the same on every attempt">
                {d.messageId}
              </p>
            </Td>
            <Td className="text-zinc-600">
              <span title={`${formatDateTime(d.createdAt)} UTC`}>{relative(d.createdAt, now)}</span>
            </Td>
            <Td>{outcome(d, now)}</Td>
            <Td className="max-w-xs text-zinc-600">
              {d.responseStatus !== null ? <span className="font-mono">{d.responseStatus}</span> : d.attempts > 0 ? "No answer" : "—"}
              {d.responseExcerpt ? (
                <p className="truncate text-xs text-zinc-500" title={d.responseExcerpt}>
                  {d.responseExcerpt}
                </p>
              ) : null}
            </Td>
            <Td className="text-zinc-600">{d.latencyMs !== null ? `${d.latencyMs} ms` : "—"}</Td>
            <Td className="text-zinc-600">{d.attempts}</Td>
            <Td className="text-right">{d.status === "pending" && d.attempts === 0 ? null : <ResendDelivery deliveryId={d.id} />}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
