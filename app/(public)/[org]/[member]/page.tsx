import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/card";
import { Avatar } from "@/components/events/avatar";
import { formatDuration } from "@/components/format";
import { ChevronRightIcon, ClockIcon, PinIcon } from "@/components/icons";
import { getDb } from "@/lib/db";
import { bookableEventTypes, findHost } from "@/lib/events/hosts";

export const dynamic = "force-dynamic";

type Params = Promise<{ org: string; member: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, member } = await params;
  const host = await findHost(await getDb(), org, member);
  return { title: host ? `Book time with ${host.name}` : "Not available for booking", robots: { index: false } };
}

/** /<org>/<member>: the host's active event types. The host's state is checked on every request. */
export default async function HostPage({ params }: { params: Params }) {
  const { org, member } = await params;
  const db = await getDb();
  const host = await findHost(db, org, member);
  if (!host) notFound();
  const events = await bookableEventTypes(db, host.membership.id);
  return (
    <Card className="mx-auto max-w-3xl overflow-hidden">
      <div className="border-b border-zinc-100 px-8 py-10 text-center">
        <Avatar name={host.name} size="lg" />
        <h1 className="mt-4 text-2xl font-semibold tracking-tight text-zinc-900">{host.name}</h1>
        <p className="mt-1 text-sm text-zinc-500">{host.org.name}</p>
        <p className="mx-auto mt-4 max-w-md text-sm text-zinc-600">Pick a meeting type to see open times and book one.</p>
      </div>
      {events.length === 0 ? (
        <p className="px-8 py-12 text-center text-sm text-zinc-500">{host.name} has no meeting types open for booking right now.</p>
      ) : (
        <ul className="grid gap-4 p-6 sm:grid-cols-2" aria-label="Event types">
          {events.map((e) => (
            <li key={e.id}>
              <Link
                href={`/${host.org.slug}/${host.membership.slug}/${e.slug}`}
                className="group flex h-full flex-col rounded-xl border border-zinc-200 border-t-4 border-t-brand-500 p-5 transition hover:border-brand-300 hover:shadow-md"
              >
                <span className="flex items-start justify-between gap-3">
                  <span className="font-semibold text-zinc-900">{e.title}</span>
                  <ChevronRightIcon className="size-5 shrink-0 text-zinc-300 group-hover:text-brand-500" />
                </span>
                <span className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-500">
                  <span className="flex items-center gap-1.5">
                    <ClockIcon className="size-4" /> {formatDuration(e.durationMinutes)}
                  </span>
                  {e.location ? (
                    <span className="flex items-center gap-1.5">
                      <PinIcon className="size-4" /> {e.location}
                    </span>
                  ) : null}
                </span>
                {e.description ? <span className="mt-3 line-clamp-2 text-sm text-zinc-600">{e.description}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
