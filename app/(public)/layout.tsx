import { Logo } from "@/components/logo";

/** Public booking pages: no sign-in, no admin chrome, just the host and their times. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50/60 to-zinc-50">
      <main className="flex-1 px-4 py-10 sm:py-16">{children}</main>
      <footer className="flex justify-center pb-8 text-xs text-zinc-400">
        <span className="flex items-center gap-2">
          Scheduling by <Logo className="scale-90 text-zinc-500" />
        </span>
      </footer>
    </div>
  );
}
