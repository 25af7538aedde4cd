import Link from "next/link";

/** The admin console's tables: a header row of small caps, quiet row dividers, optional sortable headers. */
export function Table({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={label}>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: React.ReactNode }) {
  return (
    <thead className="border-b border-zinc-100 bg-zinc-50/60 text-xs font-medium tracking-wide text-zinc-500 uppercase">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return <th className={`px-5 py-2.5 font-medium ${className}`}>{children}</th>;
}

/** A header that sorts the table by linking to the same page with ?sort=…&dir=… (server-side sorting). */
export function SortTh({
  label,
  column,
  sort,
  dir,
  href,
}: {
  label: string;
  column: string;
  sort: string;
  dir: "asc" | "desc";
  href: (sort: string, dir: "asc" | "desc") => string;
}) {
  const active = sort === column;
  const next = active && dir === "asc" ? "desc" : "asc";
  return (
    <th className="px-5 py-2.5 font-medium" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href(column, next)} className="inline-flex items-center gap-1 hover:text-zinc-900">
        {label}
        <span aria-hidden="true" className={active ? "text-zinc-700" : "text-zinc-300"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">{active ? `, sorted ${dir === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </Link>
    </th>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-zinc-100">{children}</tbody>;
}

export function Td({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return <td className={`px-5 py-3 align-top ${className}`}>{children}</td>;
}
