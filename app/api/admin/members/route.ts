import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { inviteMember } from "@/lib/orgs/members";

const body = z.object({
  email: z.string().trim().min(1, "Enter an email address.").max(320),
  givenName: z.string().trim().max(200).optional(),
  familyName: z.string().trim().max(200).optional(),
});

/** Manual invitation from the Users page: seat-checked, refused while SCIM manages people (inviteMember decides both). */
export const POST = adminRoute(body, async ({ db, viewer, body }) => {
  const { membership, user } = await inviteMember(db, {
    orgId: viewer.org.id,
    email: body.email,
    givenName: body.givenName || null,
    familyName: body.familyName || null,
    actor: viewerActor(viewer),
  });
  return Response.json({ id: membership.id, email: user.email, state: membership.state }, { status: 201 });
});
