import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { findMemberByEmail } from "@/lib/orgs/member-lookup";
import { changeRole } from "@/lib/orgs/roles";

const body = z.object({ email: z.string().trim().min(1, "Enter the email of the member to make an admin.").max(320) });

/** "Add an admin" on the Admin Management page: a member, found by email, becomes an admin (changeRole decides). */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const member = await findMemberByEmail(db, viewer.org.id, body.email);
  if (!member) {
    throw new NotFoundError(`Nobody in ${viewer.org.name} has the email ${body.email}. Invite them first, or check the address.`);
  }
  if (member.role !== "user") throw new ConflictError(`${member.email} is already ${member.role === "owner" ? "the owner" : "an admin"}.`);
  await changeRole(db, { orgId: viewer.org.id, membershipId: member.id, role: "admin", actor: viewerActor(viewer) });
  return { id: member.id, email: member.email, role: "admin" };
});
