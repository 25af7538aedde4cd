import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer, opensAdminConsole } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Home" };
export const dynamic = "force-dynamic";

/** Admins land on the console; everyone else on their event types (both reach the other from the header). */
export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  redirect(opensAdminConsole(viewer) ? "/admin/users" : "/me");
}
