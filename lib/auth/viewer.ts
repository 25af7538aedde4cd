import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/audit/actor";
import { authorize, may } from "@/lib/policy";
import { getDb } from "@/lib/db";
import { memberships, organisations, users, type Membership, type Organisation, type User } from "@/lib/db/schema";
import { endSessions } from "@/lib/orgs/lifecycle";
import { authOptions } from "./options";

export interface Viewer {
  user: User;
  membership: Membership | null;
  org: Organisation | null;
}

export interface AdminViewer extends Viewer {
  membership: Membership;
  org: Organisation;
}

/**
 * The signed-in person for this request, or null. The membership is re-read
 * on every request, so a deactivation takes effect at the next page load even
 * if a session row survived somewhere.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const db = await getDb();
  const [row] = await db
    .select({ user: users, membership: memberships, org: organisations })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(users.id, userId));
  if (!row) return null;
  if (row.membership?.state === "deactivated") {
    await endSessions(db, row.user.id);
    return null;
  }
  return row;
});

/** The person as domain functions and the policy see them. */
export function viewerActor(v: Viewer): Actor {
  const m = v.membership;
  return { kind: "user", userId: v.user.id, email: v.user.email, membership: m && { id: m.id, orgId: m.orgId, role: m.role, state: m.state } };
}

/** Whether the viewer may open the admin console (lib/policy.ts decides; pages use it to choose where to send people). */
export function opensAdminConsole(v: Viewer): v is AdminViewer {
  return !!v.org && may(viewerActor(v), "console.open", { org: v.org });
}

/** The admin console's guard for routes and pages: the policy's ForbiddenError unless the viewer may open it. */
export function asAdmin(v: Viewer): AdminViewer {
  authorize(viewerActor(v), "console.open", { org: { id: v.org?.id ?? "" } });
  return v as AdminViewer;
}

/** For admin pages: sign in first, then the policy's "console.open", else the 403 page. */
export async function requireAdminPage(): Promise<AdminViewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!opensAdminConsole(viewer)) forbidden();
  return viewer;
}
