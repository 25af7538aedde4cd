import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/logo";
import { SignOutButton } from "@/components/sign-out-button";
import { getViewer, opensAdminConsole } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

/** Pages a signed-in person uses for themselves (not the admin console). */
export default async function MemberLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const admin = opensAdminConsole(viewer);
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-6 py-3">
          <div className="flex items-center gap-6">
            <Logo />
            <nav aria-label="Main" className="flex gap-1 text-sm font-medium">
              <Link href="/me" className="rounded-md bg-brand-50 px-3 py-1.5 text-brand-700" aria-current="page">
                My event types
              </Link>
              {admin ? (
                <Link href="/admin/users" className="rounded-md px-3 py-1.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900">
                  Admin console
                </Link>
              ) : null}
            </nav>
          </div>
          <div className="flex items-center gap-3">
            <span className="hidden text-sm text-zinc-500 sm:inline">{viewer.user.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </div>
  );
}
