import { getDb } from "@/lib/db";
import { bookSlot } from "@/lib/events/bookings";
import { bookingBody } from "@/lib/events/schemas";
import { errorResponse, HttpError } from "@/lib/http/errors";

/**
 * Public booking endpoint (no sign-in: visitors book from a member's page).
 * The domain function checks the host's state, the slot and the race.
 * 201 with the confirmation path; 404 when the host is not bookable, 409
 * when the time was just taken, 400 for a time that was never offered.
 */
export async function POST(req: Request): Promise<Response> {
  try {
    const raw = await req.text();
    if (raw.length > 16 * 1024) throw new HttpError(413, "too_large", "Request body too large.");
    let json: unknown;
    try {
      json = JSON.parse(raw || "{}");
    } catch {
      throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
    }
    const { booking, path } = await bookSlot(await getDb(), bookingBody.parse(json));
    return Response.json(
      { id: booking.id, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString(), confirmationPath: path },
      { status: 201 },
    );
  } catch (e) {
    return errorResponse(e);
  }
}
