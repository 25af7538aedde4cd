import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/card";
import { Avatar } from "@/components/events/avatar";
import { BookingWidget } from "@/components/events/booking-widget";
import { formatDuration } from "@/components/format";
import { ChevronLeftIcon, ClockIcon, GlobeIcon, PinIcon } from "@/components/icons";
import { getDb } from "@/lib/db";
import { findBookableEventType, findHost, freeSlots } from "@/lib/events/hosts";

export const dynamic = "force-dynamic";

type Params = Promise<{ org: string; member: string; event: string }>;

async function load(p: Awaited<Params>) {
  const db = await getDb();
  const host = await findHost(db, p.org, p.member);
  const eventType = host ? await findBookableEventType(db, host.membership.id, p.event) : null;
  return host && eventType ? { db, host, eventType } : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const found = await load(await params);
  return {
    title: found ? `${found.eventType.title} with ${found.host.name}` : "Not available for booking",
    robots: { index: false },
  };
}

/** /<org>/<member>/<event>: free times for the next 14 days and the booking form. */
export default async function EventPage({ params }: { params: Params }) {
  const found = await load(await params);
  if (!found) notFound();
  const { db, host, eventType } = found;
  const slots = await freeSlots(db, host, eventType);
  const hostPath = `/${host.org.slug}/${host.membership.slug}`;
  return (
    <Card className="mx-auto grid max-w-5xl overflow-hidden md:grid-cols-[18rem_minmax(0,1fr)]">
      <aside className="border-b border-zinc-100 p-6 sm:p-8 md:border-r md:border-b-0">
        <Link href={hostPath} className="mb-6 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:text-brand-700">
          <ChevronLeftIcon className="size-4" /> All meeting types
        </Link>
        <div className="flex items-center gap-3">
          <Avatar name={host.name} />
          <div>
            <p className="text-sm font-medium text-zinc-900">{host.name}</p>
            <p className="text-xs text-zinc-500">{host.org.name}</p>
          </div>
        </div>
        <h1 className="mt-6 text-2xl font-semibold tracking-tight text-zinc-900">{eventType.title}</h1>
        <dl className="mt-4 space-y-2.5 text-sm text-zinc-600">
          <div className="flex items-center gap-2">
            <dt>
              <ClockIcon className="size-4 text-zinc-400" />
              <span className="sr-only">Duration</span>
            </dt>
            <dd>{formatDuration(eventType.durationMinutes)}</dd>
          </div>
          {eventType.location ? (
            <div className="flex items-center gap-2">
              <dt>
                <PinIcon className="size-4 text-zinc-400" />
                <span className="sr-only">Location</span>
              </dt>
              <dd>{eventType.location}</dd>
            </div>
          ) : null}
          <div className="flex items-center gap-2">
            <dt>
              <GlobeIcon className="size-4 text-zinc-400" />
              <span className="sr-only">Host&apos;s time zone</span>
            </dt>
            <dd>Host works in {host.user.timeZone.replaceAll("_", " ")}</dd>
          </div>
        </dl>
        {eventType.description ? <p className="mt-6 text-sm leading-6 whitespace-pre-line text-zinc-600">{eventType.description}</p> : null}
      </aside>
      <BookingWidget
        slots={slots.map((s) => s.toISOString())}
        hostTimeZone={host.user.timeZone}
        durationMinutes={eventType.durationMinutes}
        target={{ org: host.org.slug, member: host.membership.slug, event: eventType.slug }}
      />
    </Card>
  );
}
