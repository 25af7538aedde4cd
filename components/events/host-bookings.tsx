import type { HostBooking } from "@/lib/events/host-bookings";
import { Badge } from "../badge";
import { ConfirmAction } from "../confirm-action";
import { EmptyState } from "../empty-state";
import { formatCount } from "../format";
import { Table, TBody, Td, Th, THead } from "../table";

/**
 * A host's meetings: upcoming ones with Cancel (the booker is emailed), then
 * past and cancelled ones. Shown on the member's own page in their time zone,
 * and to admins on the member's page (a deactivated host's too) in UTC.
 */
export function HostBookings({
  upcoming,
  past,
  timeZone,
  hostName,
  limit,
  self,
}: {
  upcoming: HostBooking[];
  past: HostBooking[];
  timeZone: string;
  hostName: string;
  /** The most each list holds: a full list says that older ones are not shown. */
  limit: number;
  /** The host's own page ("you") rather than an admin's view of them. */
  self: boolean;
}) {
  const when = (b: HostBooking) => {
    const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(b.startsAt);
    const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
    return `${day}, ${time.format(b.startsAt)}–${time.format(b.endsAt)}`;
  };
  const who = self ? "you" : hostName;
  return (
    <div className="space-y-6 px-5 py-4">
      <section aria-labelledby="upcoming-bookings">
        <h3 id="upcoming-bookings" className="mb-2 text-sm font-semibold text-zinc-900">
          Upcoming {upcoming.length ? <span className="font-normal text-zinc-500">({formatCount(upcoming.length)}{upcoming.length === limit ? "+" : ""})</span> : null}
        </h3>
        {upcoming.length === 0 ? (
          <EmptyState title="No upcoming meetings">
            {self ? "When someone books you on your booking page, the meeting shows up here and in your email." : `Nobody has booked ${hostName} for a time to come.`}
          </EmptyState>
        ) : (
          <Table label="Upcoming bookings">
            <THead>
              <Th>When ({timeZone})</Th>
              <Th>Meeting</Th>
              <Th>Booked by</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {upcoming.map((b) => (
                <tr key={b.id}>
                  <Td className="whitespace-nowrap font-medium text-zinc-900">{when(b)}</Td>
                  <Td className="text-zinc-700">{b.eventTitle}</Td>
                  <Td className="text-zinc-700">
                    {b.attendeeName} <span className="text-zinc-500">{b.attendeeEmail}</span>
                  </Td>
                  <Td className="text-right">
                    <ConfirmAction
                      label="Cancel meeting"
                      title={`Cancel ${b.eventTitle} with ${b.attendeeName}?`}
                      description={`${b.attendeeName} (${b.attendeeEmail}) is emailed that ${who === "you" ? "you" : hostName} cancelled the meeting on ${when(b)} (${timeZone}), and the time can be booked again. This cannot be undone.`}
                      confirmLabel="Cancel meeting and email the booker"
                      request={{ url: `/api/bookings/${b.id}/cancel` }}
                    />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
      <section aria-labelledby="past-bookings">
        <h3 id="past-bookings" className="mb-2 text-sm font-semibold text-zinc-900">
          Past and cancelled
        </h3>
        {past.length === 0 ? (
          <p className="text-sm text-zinc-500">No past or cancelled meetings yet.</p>
        ) : (
          <Table label="Past and cancelled bookings">
            <THead>
              <Th>When ({timeZone})</Th>
              <Th>Meeting</Th>
              <Th>Booked by</Th>
              <Th>Status</Th>
            </THead>
            <TBody>
              {past.map((b) => (
                <tr key={b.id}>
                  <Td className="whitespace-nowrap text-zinc-700">{when(b)}</Td>
                  <Td className="text-zinc-700">{b.eventTitle}</Td>
                  <Td className="text-zinc-700">
                    {b.attendeeName} <span className="text-zinc-500">{b.attendeeEmail}</span>
                  </Td>
                  <Td>{b.status === "cancelled" ? <Badge tone="red">Cancelled</Badge> : <Badge>Took place</Badge>}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        {past.length === limit ? <p className="mt-2 text-xs text-zinc-500">Showing the {formatCount(limit)} most recent.</p> : null}
      </section>
    </div>
  );
}
