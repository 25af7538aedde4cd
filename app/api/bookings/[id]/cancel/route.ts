import { viewerActor } from "@/lib/auth/viewer";
import { cancelBooking } from "@/lib/events/host-bookings";
import { memberRoute } from "@/lib/http/member-route";

/** Cancels a meeting: its host from their own page, or an admin from the member's page; lib/policy.ts decides which. */
export const POST = memberRoute<{ id: string }>(undefined, async ({ db, viewer, params }) => {
  const b = await cancelBooking(db, { orgId: viewer.org?.id ?? "", bookingId: params.id, actor: viewerActor(viewer) });
  return { id: b.id, status: b.status };
});
