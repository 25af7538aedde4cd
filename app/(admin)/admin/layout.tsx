import Link from "next/link";
import { AdminNav } from "@/components/admin-nav";
import { Badge } from "@/components/badge";
import { Logo } from "@/components/logo";
import { SignOutButton } from "@/components/sign-out-button";
import { requireAdminPage } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

const PLAN_LABEL = { free: "Free", team: "Team", enterprise: "Enterprise" } as const;

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { org, user, membership } = await requireAdminPage();
  return (
    <div className="flex min-h-screen">
      {/* The column runs the page's full height; its content stays in view while the page scrolls. */}
      <aside className="w-64 shrink-0 border-r border-zinc-200 bg-white">
        <div className="sticky top-0 flex h-screen flex-col px-4 py-5">
          <Logo className="px-2" />
          <div className="mt-6 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2.5">
            <p className="truncate text-sm font-semibold text-zinc-900">{org.name}</p>
            <div className="mt-1">
              <Badge tone="brand">{PLAN_LABEL[org.plan]}</Badge>
            </div>
          </div>
          <div className="mt-6 flex-1">
            <AdminNav />
          </div>
          <div className="border-t border-zinc-100 pt-4">
            <p className="truncate px-2 text-sm font-medium text-zinc-900">{user.email}</p>
            <p className="px-2 text-xs capitalize text-zinc-500">{membership.role}</p>
            <Link href="/me" className="mt-2 block rounded-md px-2 py-1.5 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900">
              My event types
            </Link>
            <div className="mt-2">
              <SignOutButton />
            </div>
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-10 py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
