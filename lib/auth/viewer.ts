import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/audit/actor";
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

export const isAdminRole = (m: Membership | null): boolean => m?.role === "owner" || m?.role === "admin";

export function viewerActor(v: Viewer): Actor {
  return { kind: "user", userId: v.user.id, email: v.user.email };
}

/** For admin pages: sign in first, then owner or admin of an organisation, else the 403 page. */
export async function requireAdminPage(): Promise<AdminViewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!viewer.org || !viewer.membership || !isAdminRole(viewer.membership) || viewer.membership.state !== "active") {
    forbidden();
  }
  return viewer as AdminViewer;
}
