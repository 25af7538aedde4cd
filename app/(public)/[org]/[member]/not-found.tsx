import { CalendarIcon } from "@/components/icons";

/**
 * Shown (with status 404) for a member who cannot be booked: deactivated,
 * not joined yet, removed, or never there. One answer for all of them, so the
 * page does not tell strangers who was deactivated.
 */
export default function NotAvailable() {
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-zinc-200 bg-white px-8 py-12 text-center shadow-sm">
      <span className="mx-auto grid size-12 place-items-center rounded-full bg-zinc-100">
        <CalendarIcon className="size-6 text-zinc-400" />
      </span>
      <h1 className="mt-5 text-xl font-semibold text-zinc-900">Not available for booking</h1>
      <p className="mt-2 text-sm leading-6 text-zinc-500">
        This booking page is not taking bookings right now. The link may be out of date, or the person is no longer available
        here. Ask whoever shared it for a current link.
      </p>
    </div>
  );
}
