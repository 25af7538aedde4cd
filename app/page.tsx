import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Logo } from "@/components/logo";
import { MemberStateBadge } from "@/components/member-state-badge";
import { SignOutButton } from "@/components/sign-out-button";
import { getViewer, isAdminRole } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Home" };
export const dynamic = "force-dynamic";

export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (isAdminRole(viewer.membership)) redirect("/admin/users");
  const name = [viewer.user.givenName, viewer.user.familyName].filter(Boolean).join(" ") || viewer.user.email;
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-zinc-200 bg-white px-6 py-3">
        <Logo />
        <SignOutButton />
      </header>
      <main className="mx-auto max-w-2xl px-6 py-10">
        <h1 className="text-2xl font-semibold">Welcome, {name}</h1>
        {viewer.org && viewer.membership ? (
          <p className="mt-2 flex items-center gap-2 text-zinc-600">
            Member of <strong>{viewer.org.name}</strong> <MemberStateBadge state={viewer.membership.state} />
          </p>
        ) : (
          <p className="mt-2 text-zinc-600">You have a personal Roster account.</p>
        )}
      </main>
    </div>
  );
}
