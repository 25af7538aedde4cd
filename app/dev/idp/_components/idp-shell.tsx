import Link from "next/link";

/** The demo IdP's own chrome, deliberately unlike Roster's, so it is clear you are "at your identity provider". */
export function IdpShell({ children, wide = false }: { children: React.ReactNode; wide?: boolean }) {
  return (
    <div className="min-h-screen bg-slate-100">
      <header className="bg-slate-900 text-white">
        <div className={`mx-auto flex items-center justify-between px-6 py-3 ${wide ? "max-w-6xl" : "max-w-xl"}`}>
          <Link href="/dev/idp" className="flex items-center gap-2 font-semibold tracking-tight">
            <span className="grid size-7 place-items-center rounded-md bg-emerald-500 text-sm font-bold text-slate-900" aria-hidden="true">
              ID
            </span>
            Demo IdP
          </Link>
          <span className="rounded-full bg-amber-400/20 px-2.5 py-0.5 text-xs font-medium text-amber-200">Development only</span>
        </div>
      </header>
      <main className={`mx-auto px-6 py-8 ${wide ? "max-w-6xl" : "max-w-xl"}`}>{children}</main>
    </div>
  );
}

export function IdpCard({ title, description, children, id }: { title: string; description?: React.ReactNode; children: React.ReactNode; id?: string }) {
  return (
    <section id={id} aria-label={title} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="border-b border-slate-100 px-5 py-4">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
      </div>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

export const inputClass =
  "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm placeholder:text-slate-400 focus:border-emerald-500 focus:ring-2 focus:ring-emerald-100 focus:outline-none";
export const primaryButton = "rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-700";
export const secondaryButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
