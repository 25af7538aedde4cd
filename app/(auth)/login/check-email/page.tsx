import type { Metadata } from "next";
import Link from "next/link";
import { MailIcon } from "@/components/icons";
import { devSurfacesEnabled } from "@/lib/dev/guard";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <div className="text-center">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
        <MailIcon className="size-6" />
      </div>
      <h1 className="mt-4 text-xl font-semibold text-zinc-900">Check your email</h1>
      <p className="mt-2 text-sm text-zinc-500">
        If {email ? <strong className="text-zinc-700">{email}</strong> : "that address"} has a Roster account, a sign-in link is on its
        way. It works once and expires in 24 hours.
      </p>
      {devSurfacesEnabled() ? (
        <p className="mt-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800">
          Development mode: emails are delivered to the{" "}
          <Link href="/dev/mailbox" className="font-semibold underline">
            dev mailbox
          </Link>
          .
        </p>
      ) : null}
      <Link href="/login" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
        Use a different email
      </Link>
    </div>
  );
}
