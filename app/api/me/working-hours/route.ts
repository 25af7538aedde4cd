import { setWorkingHours } from "@/lib/events/availability";
import { workingHoursBody } from "@/lib/events/schemas";
import { ValidationError } from "@/lib/errors";
import { memberRoute } from "@/lib/http/member-route";

export const PUT = memberRoute(workingHoursBody, async ({ db, owner, body }) => {
  if (!owner.membershipId) throw new ValidationError("Working hours belong to an organisation's booking page; you are not a member of one.");
  await setWorkingHours(db, { userId: owner.userId, membershipId: owner.membershipId, ...body });
  return { ok: true };
});
