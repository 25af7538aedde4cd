export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`flex items-center gap-2 font-semibold tracking-tight text-zinc-900 ${className}`}>
      <span className="grid size-7 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white" aria-hidden="true">
        R
      </span>
      Roster
    </span>
  );
}
