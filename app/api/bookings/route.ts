import { getDb } from "@/lib/db";
import { bookSlot } from "@/lib/events/bookings";
import { bookingBody } from "@/lib/events/schemas";
import { errorResponse, jsonError } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { observed } from "@/lib/http/observed";
import { consumeRateLimit } from "@/lib/rate-limit";

/** Bookings one member's page takes per minute: far above any real visitor traffic, low enough that a script cannot fill a calendar (and send its confirmation emails) in one go. */
const BOOKINGS_PER_HOST_PER_MINUTE = 20;
const MAX_BODY_BYTES = 16 * 1024;

/**
 * Public booking endpoint (no sign-in: visitors book from a member's page).
 * The domain function checks the host's state, the slot and the race.
 * 201 with the confirmation path; 404 when the host is not bookable, 409
 * when the time was just taken, 400 for a time that was never offered, 429
 * when the page took too many bookings this minute (counted in PostgreSQL,
 * shared by every instance).
 */
export const POST = observed(async (req, _ctx, { requestId }) => {
  try {
    const input = await readJsonBody(req, bookingBody, MAX_BODY_BYTES);
    const db = await getDb();
    const limit = await consumeRateLimit(db, `booking:${input.org}/${input.member}`.toLowerCase(), BOOKINGS_PER_HOST_PER_MINUTE);
    if (!limit.allowed) {
      const res = jsonError(429, "rate_limited", `This booking page is taking too many bookings right now. Try again in ${limit.retryAfter} s.`);
      res.headers.set("Retry-After", String(limit.retryAfter));
      return res;
    }
    const { booking, path } = await bookSlot(db, input);
    return Response.json(
      { id: booking.id, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString(), confirmationPath: path },
      { status: 201 },
    );
  } catch (e) {
    return errorResponse(e, requestId);
  }
});
