/** Labelled form controls in the console's style; the label wraps the control so getByLabel works. */
const control =
  "w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500";

export function TextField({
  label,
  hint,
  className = "",
  ...props
}: React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: React.ReactNode }) {
  return (
    <label className={`block ${className}`}>
      <span className="text-sm font-medium text-zinc-700">{label}</span>
      <input {...props} className={`mt-1.5 ${control}`} />
      {hint ? <span className="mt-1 block text-xs text-zinc-500">{hint}</span> : null}
    </label>
  );
}

export function SelectField({
  label,
  hint,
  children,
  className = "",
  ...props
}: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: React.ReactNode }) {
  return (
    <label className={`block ${className}`}>
      <span className="text-sm font-medium text-zinc-700">{label}</span>
      <select {...props} className={`mt-1.5 ${control}`}>
        {children}
      </select>
      {hint ? <span className="mt-1 block text-xs text-zinc-500">{hint}</span> : null}
    </label>
  );
}

/** A compact select for filter bars: the label is visually hidden but still names the control. */
export function FilterSelect({
  label,
  children,
  ...props
}: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string }) {
  return (
    <label className="block">
      <span className="sr-only">{label}</span>
      <select
        {...props}
        className="rounded-lg border border-zinc-200 bg-white py-2 pr-8 pl-3 text-sm text-zinc-700 focus:border-brand-500 focus:outline-none"
      >
        {children}
      </select>
    </label>
  );
}
