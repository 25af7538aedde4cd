import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDayLong, formatDuration, formatTime } from "@/components/format";
import { CheckCircleIcon } from "@/components/icons";
import { getDb } from "@/lib/db";
import { findConfirmedBooking } from "@/lib/events/bookings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Booking confirmed", robots: { index: false } };

/** The visitor's receipt, reachable only with the booking's id under the path it was made on. */
export default async function ConfirmedPage({ params }: { params: Promise<{ org: string; member: string; event: string; id: string }> }) {
  const p = await params;
  const found = await findConfirmedBooking(await getDb(), p);
  if (!found) notFound();
  const { booking } = found;
  const tz = booking.attendeeTimeZone ?? found.hostTimeZone;
  const minutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
  return (
    <div className="mx-auto max-w-lg rounded-2xl border border-zinc-200 bg-white px-8 py-10 text-center shadow-sm">
      <CheckCircleIcon className="mx-auto size-12 text-emerald-500" />
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-zinc-900">You are booked</h1>
      <p className="mt-2 text-sm text-zinc-500">
        We sent a confirmation to <strong className="text-zinc-700">{booking.attendeeEmail}</strong> and let {found.hostName} know.
      </p>
      <dl className="mt-8 divide-y divide-zinc-100 rounded-xl border border-zinc-200 text-left text-sm">
        {[
          ["What", `${booking.eventTitle} (${formatDuration(minutes)})`],
          ["With", `${found.hostName}, ${found.orgName}`],
          ["When", `${formatDayLong(booking.startsAt, tz)}, ${formatTime(booking.startsAt, tz)}–${formatTime(booking.endsAt, tz)}`],
          ["Time zone", tz.replaceAll("_", " ")],
          ...(found.location ? [["Where", found.location]] : []),
          ["Booked by", booking.attendeeName],
        ].map(([k, v]) => (
          <div key={k} className="grid grid-cols-[7rem_minmax(0,1fr)] gap-3 px-4 py-3">
            <dt className="text-zinc-500">{k}</dt>
            <dd className="font-medium text-zinc-900" data-testid={`booking-${k!.toLowerCase().replace(" ", "-")}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <Link href={`/${p.org}/${p.member}`} className="mt-8 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
        Book another meeting with {found.hostName}
      </Link>
    </div>
  );
}
