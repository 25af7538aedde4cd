import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardHeader } from "@/components/card";
import { CopyLink } from "@/components/events/copy-link";
import { HostBookings } from "@/components/events/host-bookings";
import { eventFieldValues } from "@/components/events/event-fields";
import { OwnEventTypes, type OwnEventType } from "@/components/events/own-event-types";
import { WorkingHoursForm } from "@/components/events/working-hours-form";
import { PageHeader } from "@/components/page-header";
import { getViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getWorkingHours } from "@/lib/events/availability";
import { listOwnEventTypes, type EventType } from "@/lib/events/event-types";
import { listHostBookings } from "@/lib/events/host-bookings";
import { hostName } from "@/lib/events/hosts";
import { canonicalTimeZone, timeZoneNames } from "@/lib/events/time-zone";

export const metadata: Metadata = { title: "My event types" };
export const dynamic = "force-dynamic";

const BOOKINGS_SHOWN = 50;

const view = (e: EventType): OwnEventType => ({
  id: e.id,
  ...eventFieldValues(e),
  active: e.active,
  isDefault: e.isDefault,
  managed: e.managedEventTypeId !== null,
});

/** "My event types": what people can book the signed-in member for, and when. */
export default async function MyEventTypesPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const db = await getDb();
  const { membership, org, user } = viewer;
  const owner = { userId: user.id, membershipId: membership?.id ?? null, orgId: org?.id ?? null };
  const own = await listOwnEventTypes(db, owner);
  const name = membership ? hostName(membership, user) : user.email;

  if (!membership || !org) {
    return (
      <>
        <PageHeader title="My event types" description={`Signed in as ${name}. You have a personal Roster account: these event types are yours and stay with you.`} />
        <Card>
          <CardHeader title="Personal event types" description="Booking pages open when you join an organisation's workspace." />
          <OwnEventTypes items={own.personal.map(view)} bookingBase={null} orgName={null} allowCreate emptyText="You have no event types yet." />
        </Card>
      </>
    );
  }

  const bookingUrl = `${env().APP_URL}/${org.slug}/${membership.slug}`;
  const [rules, meetings] = await Promise.all([getWorkingHours(db, membership.id), listHostBookings(db, { orgId: org.id, membershipId: membership.id, limit: BOOKINGS_SHOWN })]);
  return (
    <>
      <PageHeader
        title="My event types"
        description={`Welcome, ${name}. People book you for these at ${org.name} through your booking page.`}
        actions={<CopyLink url={bookingUrl} />}
      />
      <Card>
        <CardHeader title="Event types" description="Switch one off to hide it from your booking page without deleting it." />
        <OwnEventTypes
          items={own.org.map(view)}
          bookingBase={`/${org.slug}/${membership.slug}`}
          orgName={org.name}
          allowCreate
          emptyText="You have no event types yet. Create one so people can book you."
        />
      </Card>
      <Card className="mt-6">
        <CardHeader title="My bookings" description="Meetings people booked with you. Cancelling one emails the person who booked it." />
        <HostBookings {...meetings} timeZone={canonicalTimeZone(user.timeZone)} hostName={name} limit={BOOKINGS_SHOWN} self />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Working hours" description="Visitors can book times inside these hours, for the next 14 days." />
        <WorkingHoursForm rules={rules} timeZone={canonicalTimeZone(user.timeZone)} zones={timeZoneNames()} />
      </Card>
      {own.personal.length ? (
        <Card className="mt-6">
          <CardHeader
            title="Personal event types"
            description={`From your own Roster account. They stay with you if you leave ${org.name} and are not on your ${org.name} booking page.`}
          />
          <OwnEventTypes items={own.personal.map(view)} bookingBase={null} orgName={null} allowCreate={false} emptyText="" />
        </Card>
      ) : null}
    </>
  );
}
