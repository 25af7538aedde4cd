"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card, CardHeader } from "@/components/card";
import { DurationSelect, Field, FormError, inputClass, primaryButton, secondaryButton } from "./fields";
import { formatDuration } from "@/components/format";
import { callApi, EDITOR_MESSAGES } from "@/components/api-client";

/** The event type every newly provisioned member starts with; admins may rename it or change its length. */
export function DefaultEventCard({ title, durationMinutes }: { title: string; durationMinutes: number }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await callApi("PUT", "/api/admin/default-event-type", {
      title: String(form.get("title") ?? ""),
      durationMinutes: Number(form.get("durationMinutes")),
    }, EDITOR_MESSAGES);
    setPending(false);
    if (!res.ok) return setError(res.message);
    setEditing(false);
    router.refresh();
  }

  return (
    <Card>
      <CardHeader
        title="Default event type"
        description="Every member provisioned from now on gets this event type. Existing members keep theirs."
        actions={
          editing ? null : (
            <button type="button" onClick={() => setEditing(true)} className={secondaryButton}>
              Change default
            </button>
          )
        }
      />
      {editing ? (
        <form onSubmit={submit} className="space-y-4 px-5 py-5" aria-label="Default event type">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Default title">
              <input name="title" required maxLength={120} defaultValue={title} className={inputClass} />
            </Field>
            <Field label="Default duration">
              <DurationSelect defaultValue={durationMinutes} />
            </Field>
          </div>
          <FormError message={error} />
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={primaryButton}>
              {pending ? "Saving…" : "Save default"}
            </button>
            <button type="button" onClick={() => setEditing(false)} className={secondaryButton}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="px-5 py-4 text-sm text-zinc-700" data-testid="default-event">
          <span className="font-medium text-zinc-900">{title}</span> · {formatDuration(durationMinutes)}
        </p>
      )}
    </Card>
  );
}
