import { primaryButton, secondaryButton } from "@/components/button";
import { Field, FormError, inputClass } from "@/components/fields";

/** What every event type has, a member's own or a managed one. */
export interface EventFieldValues {
  title: string;
  slug: string;
  durationMinutes: number;
  location: string | null;
  description: string | null;
}

/** Just those fields of a stored event type, for the editors' props (pages never pass whole rows to client components). */
export const eventFieldValues = (e: EventFieldValues): EventFieldValues => ({
  title: e.title,
  slug: e.slug,
  durationMinutes: e.durationMinutes,
  location: e.location,
  description: e.description,
});

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

/** Title, URL name, duration, location and description, as both editors lay them out. */
export function EventTypeFields({
  initial,
  titlePlaceholder,
  slugPlaceholder,
  slugHint,
}: {
  initial?: EventFieldValues;
  titlePlaceholder: string;
  slugPlaceholder: string;
  slugHint: string;
}) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title">
          <input name="title" required maxLength={120} defaultValue={initial?.title} placeholder={titlePlaceholder} className={inputClass} />
        </Field>
        <Field label="URL name" hint={slugHint}>
          <input name="slug" maxLength={60} defaultValue={initial?.slug} placeholder={slugPlaceholder} className={inputClass} />
        </Field>
        <Field label="Duration">
          <DurationSelect defaultValue={initial?.durationMinutes ?? 30} />
        </Field>
        <Field label="Location">
          <input name="location" maxLength={200} defaultValue={initial?.location ?? ""} placeholder="Zoom, phone, office…" className={inputClass} />
        </Field>
      </div>
      <Field label="Description">
        <textarea name="description" rows={3} maxLength={2000} defaultValue={initial?.description ?? ""} className={inputClass} />
      </Field>
    </>
  );
}

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

/** The end of an editor: the server's refusal, then Save and Cancel. */
export function EditorActions({ error, pending, submitLabel, onCancel }: { error: string | null; pending: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      <FormError message={error} />
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </>
  );
}
