import type { Executor } from "@/lib/db";
import { listGroupOptions } from "@/lib/orgs/group-admin";
import { invitationStatuses } from "@/lib/orgs/invitation-actions";
import { listMembers } from "@/lib/orgs/member-list";
import { countInvited } from "@/lib/orgs/member-lookup";
import { seatUsage } from "@/lib/orgs/seats";
import { allowedUntil, listHeld } from "@/lib/orgs/deprovision-guard";
import { listWaiting } from "@/lib/orgs/seat-waitlist";
import type { UsersSearch } from "./params";

export const USERS_PAGE_SIZE = 25;

/**
 * Everything the Users page reads, in parallel where it can. Kept apart from
 * the page so that `npm run bench` times exactly this at 100,000 members.
 */
export async function loadUsersPage(db: Executor, orgId: string, s: UsersSearch) {
  const [usage, invited, list, groupOptions, waiting, held, guardAllowedUntil] = await Promise.all([
    seatUsage(db, orgId),
    countInvited(db, orgId),
    listMembers(db, {
      orgId,
      search: s.q,
      state: s.state,
      role: s.role,
      groupId: s.group,
      sort: s.sort,
      dir: s.dir,
      page: s.page,
      pageSize: USERS_PAGE_SIZE,
      after: s.after,
      before: s.before,
    }),
    listGroupOptions(db, orgId),
    listWaiting(db, orgId),
    listHeld(db, orgId),
    allowedUntil(db, orgId),
  ]);
  const invitations = await invitationStatuses(
    db,
    orgId,
    list.rows.filter((r) => r.state === "invited").map((r) => r.id),
  );
  return { usage, invited, list, groupOptions, waiting, held, guardAllowedUntil, invitations };
}
