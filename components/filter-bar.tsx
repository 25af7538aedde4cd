import Link from "next/link";
import { AutoSubmit } from "./auto-submit";
import { buttonClass } from "./button";
import { SearchIcon } from "./icons";

/**
 * The search and filters above a list (Users, the audit and provisioning
 * logs): a plain GET form, so the filters live in the URL and work without
 * JavaScript; the selects (children) apply as they change, the text on
 * Search; Clear goes back to the whole list.
 */
export function FilterBar({
  label,
  searchLabel,
  placeholder,
  search,
  filtered,
  clearHref,
  keep = {},
  children,
}: {
  /** Names the form (role="search"). */
  label: string;
  searchLabel: string;
  placeholder: string;
  /** The current search text (the `q` parameter). */
  search: string | undefined;
  filtered: boolean;
  clearHref: string;
  /** Parameters the form carries along unchanged (the Users page's sort); undefined ones are left out. */
  keep?: Record<string, string | undefined>;
  children: React.ReactNode;
}) {
  return (
    <form className="flex flex-wrap items-center gap-2 border-b border-zinc-100 px-5 py-3" role="search" aria-label={label}>
      <label className="relative min-w-64 flex-1">
        <span className="sr-only">{searchLabel}</span>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
        <input
          name="q"
          type="search"
          defaultValue={search}
          placeholder={placeholder}
          className="w-full rounded-lg border border-zinc-200 py-2 pr-3 pl-9 text-sm placeholder:text-zinc-400 focus:border-brand-500 focus:outline-none"
        />
      </label>
      <AutoSubmit>{children}</AutoSubmit>
      {Object.entries(keep).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
      <button type="submit" className={buttonClass("dark")}>
        Search
      </button>
      {filtered ? (
        <Link href={clearHref} className={buttonClass("ghost")}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
