import Link from "next/link";
import { buttonClass } from "./button";
import { formatCount } from "./format";

/** Numbered pages (the Users page): links that keep the other query parameters. */
export function Pagination({
  page,
  pageSize,
  total,
  href,
  totalIsCapped = false,
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  /** The count stopped at `total` (see COUNT_CAP): say "10,000+" and keep Next available. */
  totalIsCapped?: boolean;
}) {
  const pages = totalIsCapped ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(total / pageSize));
  // Nothing to page through: the list's own empty state says why ("0–0 of 0" said nothing).
  if (total === 0 && page === 1) return null;
  if (!totalIsCapped && page > pages) {
    return (
      <nav aria-label="Pagination" className="flex items-center justify-between border-t border-zinc-100 px-5 py-3">
        <p className="text-sm text-zinc-500">Page {formatCount(page)} is past the end of the list ({formatCount(total)} in all).</p>
        <Link className="rounded-md border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-50" href={href(1)}>
          First page
        </Link>
      </nav>
    );
  }
  const from = (page - 1) * pageSize + 1;
  const to = totalIsCapped ? page * pageSize : Math.min(total, page * pageSize);
  const linkClass = "rounded-md border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-50";
  const disabledClass = "rounded-md border border-zinc-100 px-3 py-1.5 text-sm text-zinc-300";
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between border-t border-zinc-100 px-5 py-3">
      <p className="text-sm text-zinc-500">
        {formatCount(from)}–{formatCount(to)} of {formatCount(total)}
        {totalIsCapped ? "+" : ""}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={linkClass} href={href(page - 1)} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={disabledClass}>Previous</span>
        )}
        {page < pages ? (
          <Link className={linkClass} href={href(page + 1)} rel="next">
            Next
          </Link>
        ) : (
          <span className={disabledClass}>Next</span>
        )}
      </div>
    </nav>
  );
}

/**
 * Keyset paging for a log shown newest first (audit, provisioning): back to
 * the newest entries, and on to older ones. Nothing when there is one page.
 */
export function KeysetPagination({ newestHref, olderHref }: { newestHref: string | null; olderHref: string | null }) {
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label="Pagination" className="flex justify-between border-t border-zinc-100 px-5 py-3">
      {newestHref ? (
        <Link href={newestHref} className={buttonClass("secondary", "sm")}>
          Newest
        </Link>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClass("secondary", "sm")}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
