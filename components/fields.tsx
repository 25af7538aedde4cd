/** Labelled form controls in the console's style; the label wraps the control so getByLabel works. */
const CONTROL =
  "w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm placeholder:text-zinc-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none";
const CONSOLE_CONTROL = `${CONTROL} bg-white text-zinc-900 disabled:bg-zinc-50 disabled:text-zinc-500`;

/** For a control placed in a Field: the form's own background shows through (the event type editors). */
export const inputClass = `mt-1.5 ${CONTROL}`;

function Labelled({ label, hint, className = "", children }: { label: string; hint?: React.ReactNode; className?: string; children: React.ReactNode }) {
  return (
    <label className={`block ${className}`}>
      <span className="text-sm font-medium text-zinc-700">{label}</span>
      {children}
      {hint ? <span className="mt-1 block text-xs text-zinc-500">{hint}</span> : null}
    </label>
  );
}

export function TextField({
  label,
  hint,
  className,
  ...props
}: React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: React.ReactNode }) {
  return (
    <Labelled label={label} hint={hint} className={className}>
      <input {...props} className={`mt-1.5 ${CONSOLE_CONTROL}`} />
    </Labelled>
  );
}

export function SelectField({
  label,
  hint,
  children,
  className,
  ...props
}: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: React.ReactNode }) {
  return (
    <Labelled label={label} hint={hint} className={className}>
      <select {...props} className={`mt-1.5 ${CONSOLE_CONTROL}`}>
        {children}
      </select>
    </Labelled>
  );
}

/** A labelled control of the caller's own; the hint sits outside the label so the control's accessible name stays short. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div>
      <Labelled label={label}>{children}</Labelled>
      {hint ? <p className="mt-1 text-xs text-zinc-500">{hint}</p> : null}
    </div>
  );
}

/** The server's refusal under a form that stays open. */
export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
      {message}
    </p>
  ) : null;
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
