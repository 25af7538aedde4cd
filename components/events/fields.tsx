/** Form controls shared by the event type editors (member and admin), styled like the rest of Roster. */
export const inputClass =
  "mt-1.5 w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm placeholder:text-zinc-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none";

/** A labelled control; the hint sits outside the label so the control's accessible name stays short. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div>
      <label className="block">
        <span className="text-sm font-medium text-zinc-700">{label}</span>
        {children}
      </label>
      {hint ? <p className="mt-1 text-xs text-zinc-500">{hint}</p> : null}
    </div>
  );
}

const DURATIONS = [15, 20, 30, 45, 60, 90, 120];

export function DurationSelect({ name = "durationMinutes", defaultValue }: { name?: string; defaultValue: number }) {
  const options = DURATIONS.includes(defaultValue) ? DURATIONS : [...DURATIONS, defaultValue].sort((a, b) => a - b);
  return (
    <select name={name} defaultValue={defaultValue} className={inputClass}>
      {options.map((m) => (
        <option key={m} value={m}>
          {m < 60 ? `${m} minutes` : m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} hour${m > 60 ? "s" : ""}`}
        </option>
      ))}
    </select>
  );
}

export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
      {message}
    </p>
  ) : null;
}

export const primaryButton =
  "rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60";
export const secondaryButton =
  "rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-50 disabled:opacity-60";
export const dangerButton = "rounded-lg bg-rose-600 px-4 py-2 text-sm font-semibold text-white hover:bg-rose-700 disabled:opacity-60";

/** Reads the common event type fields out of a form, leaving validation to the server's schema. */
export function eventFieldsFrom(form: FormData) {
  const text = (k: string) => String(form.get(k) ?? "").trim();
  return {
    title: text("title"),
    ...(text("slug") ? { slug: text("slug") } : {}),
    durationMinutes: Number(form.get("durationMinutes")),
    location: text("location") || null,
    description: text("description") || null,
  };
}
