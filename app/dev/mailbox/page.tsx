import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/badge";
import { EmptyState } from "@/components/empty-state";
import { Logo } from "@/components/logo";
import { getDb } from "@/lib/db";
import { requireDevSurfaces } from "@/lib/dev/guard";
import { linksIn, recentEmails } from "@/lib/dev/mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/**
 * Development mailbox: every email Roster queued, readable without an SMTP
 * server. It shows sign-in links, so it does not exist in production
 * (unless ROSTER_DEMO=1 for a demo or a test run).
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ id?: string; to?: string }> }) {
  requireDevSurfaces();
  const { id, to } = await searchParams;
  const emails = await recentEmails(await getDb(), { to });
  const selected = emails.find((e) => String(e.id) === id) ?? emails[0];
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-zinc-200 bg-white px-6 py-3">
        <div className="flex items-center gap-3">
          <Logo />
          <Badge tone="amber">Dev mailbox</Badge>
        </div>
        <p className="text-sm text-zinc-500">Emails Roster sent, newest first. Not available in production.</p>
      </header>
      {emails.length === 0 ? (
        <div className="p-10">
          <EmptyState title="No emails yet">Sign-in links and invitations will appear here.</EmptyState>
        </div>
      ) : (
        <div className="flex flex-1">
          <ul aria-label="Emails" className="w-96 shrink-0 divide-y divide-zinc-100 border-r border-zinc-200 bg-white">
            {emails.map((e) => (
              <li key={e.id}>
                <Link
                  href={`/dev/mailbox?${new URLSearchParams({ ...(to ? { to } : {}), id: String(e.id) })}`}
                  className={`block px-5 py-3 hover:bg-zinc-50 ${selected?.id === e.id ? "bg-brand-50" : ""}`}
                >
                  <p className="truncate text-sm font-medium text-zinc-900">{e.subject}</p>
                  <p className="truncate text-xs text-zinc-500">
                    To {e.to} · {fmt.format(e.createdAt)}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
          {selected ? (
            <article className="flex-1 p-6" aria-label="Selected email">
              <h1 className="text-lg font-semibold">{selected.subject}</h1>
              <p className="mt-1 text-sm text-zinc-500">
                To <span data-testid="mail-to">{selected.to}</span> · {fmt.format(selected.createdAt)} ·{" "}
                {selected.status === "sent" ? "delivered" : selected.status}
              </p>
              <div className="mt-4 flex flex-wrap gap-2">
                {linksIn(selected.text).map((href) => (
                  <a key={href} href={href} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                    Open link: {new URL(href).pathname.split("/").filter(Boolean).slice(0, 2).join("/")}
                  </a>
                ))}
              </div>
              <iframe title="Email body" sandbox="" srcDoc={selected.html} className="mt-4 h-[560px] w-full rounded-lg border border-zinc-200 bg-white" />
            </article>
          ) : null}
        </div>
      )}
    </div>
  );
}
