/** Shown while an admin page's data loads (server components stream in behind it). */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse">
      <div className="h-7 w-48 rounded-md bg-zinc-200" />
      <div className="mt-2 h-4 w-96 max-w-full rounded bg-zinc-100" />
      <div className="mt-8 h-20 rounded-xl border border-zinc-200 bg-white" />
      <div className="mt-6 space-y-3 rounded-xl border border-zinc-200 bg-white p-5">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-9 rounded bg-zinc-100" />
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
