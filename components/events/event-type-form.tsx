"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DurationSelect, eventFieldsFrom, Field, FormError, inputClass, primaryButton, secondaryButton } from "./fields";
import { callApi, EDITOR_MESSAGES } from "@/components/api-client";

export interface EventTypeValues {
  id?: string;
  title: string;
  slug: string;
  durationMinutes: number;
  location: string | null;
  description: string | null;
}

/** Create or edit one of the signed-in person's own event types. */
export function EventTypeForm({ initial, onDone }: { initial?: EventTypeValues; onDone: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const fields = eventFieldsFrom(new FormData(e.currentTarget));
    const res = initial?.id
      ? await callApi("PATCH", `/api/me/event-types/${initial.id}`, fields, EDITOR_MESSAGES)
      : await callApi("POST", "/api/me/event-types", fields, EDITOR_MESSAGES);
    setPending(false);
    if (!res.ok) return setError(res.message);
    onDone();
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4 bg-zinc-50/70 px-5 py-5" aria-label={initial ? `Edit ${initial.title}` : "New event type"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title">
          <input name="title" required maxLength={120} defaultValue={initial?.title} placeholder="Intro call" className={inputClass} />
        </Field>
        <Field label="URL name" hint="Leave empty to use the title.">
          <input name="slug" maxLength={60} defaultValue={initial?.slug} placeholder="intro-call" className={inputClass} />
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
      <FormError message={error} />
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : initial ? "Save changes" : "Create event type"}
        </button>
        <button type="button" onClick={onDone} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
