import { renderEmail, type RenderedEmail } from "./render";

/** When a booking happens, written for the reader's own time zone. */
function formatMeetingTime(start: Date, end: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone }).format(start);
  const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone });
  return `${day}, ${time.format(start)}–${time.format(end)} (${timeZone})`;
}

export interface BookingEmailFacts {
  eventTitle: string;
  durationMinutes: number;
  start: Date;
  end: Date;
  location: string | null;
  hostName: string;
  orgName: string;
  attendeeName: string;
  attendeeEmail: string;
}

export function bookingConfirmedEmail(p: BookingEmailFacts & { timeZone: string; url: string }): RenderedEmail {
  return renderEmail({
    subject: `Confirmed: ${p.eventTitle} with ${p.hostName}`,
    heading: `Your meeting with ${p.hostName} is booked`,
    paragraphs: [
      `Hi ${p.attendeeName},`,
      `${p.eventTitle} (${p.durationMinutes} minutes) with ${p.hostName} of ${p.orgName}.`,
      `When: ${formatMeetingTime(p.start, p.end, p.timeZone)}`,
      ...(p.location ? [`Where: ${p.location}`] : []),
    ],
    action: { label: "View booking", url: p.url },
    footer: `You booked this on ${p.hostName}'s booking page. If you did not, you can ignore this email.`,
  });
}

export function bookingNotificationEmail(p: BookingEmailFacts & { timeZone: string }): RenderedEmail {
  return renderEmail({
    subject: `New booking: ${p.eventTitle} with ${p.attendeeName}`,
    heading: `${p.attendeeName} booked ${p.eventTitle}`,
    paragraphs: [
      `${p.attendeeName} (${p.attendeeEmail}) booked time with you.`,
      `When: ${formatMeetingTime(p.start, p.end, p.timeZone)}`,
      ...(p.location ? [`Where: ${p.location}`] : []),
    ],
    footer: `Sent by Roster for ${p.orgName}, because someone booked you on your booking page.`,
  });
}

/** To the booker when the host (or an admin of the host's organisation) cancels: the meeting is off, and how to book again. */
export function bookingCancelledEmail(
  p: Omit<BookingEmailFacts, "attendeeEmail" | "durationMinutes"> & { timeZone: string; bookAgainUrl: string | null },
): RenderedEmail {
  return renderEmail({
    subject: `Cancelled: ${p.eventTitle} with ${p.hostName}`,
    heading: `${p.hostName} cancelled your meeting`,
    paragraphs: [
      `Hi ${p.attendeeName},`,
      `${p.eventTitle} with ${p.hostName} of ${p.orgName} is cancelled.`,
      `It was: ${formatMeetingTime(p.start, p.end, p.timeZone)}`,
      ...(p.location ? [`Where: ${p.location}`] : []),
    ],
    ...(p.bookAgainUrl ? { action: { label: "Book another time", url: p.bookAgainUrl } } : {}),
    footer: `You booked this meeting on ${p.hostName}'s booking page; nothing else is needed from you.`,
  });
}
