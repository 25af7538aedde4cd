"use client";

import { useState } from "react";
import { EDITOR_MESSAGES, useApiAction } from "@/components/api-client";
import { secondaryButton } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { Field, inputClass } from "@/components/fields";
import { formatDuration } from "@/components/format";
import { DurationSelect, EditorActions } from "./event-fields";

/** The event type every newly provisioned member starts with; admins may rename it or change its length. */
export function DefaultEventCard({ title, durationMinutes }: { title: string; durationMinutes: number }) {
  const [editing, setEditing] = useState(false);
  const { run, pending, error } = useApiAction({ messages: EDITOR_MESSAGES });

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = { title: String(form.get("title") ?? ""), durationMinutes: Number(form.get("durationMinutes")) };
    const r = await run({ url: "/api/admin/default-event-type", method: "PUT", body });
    if (r.ok) setEditing(false);
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
          <EditorActions error={error} pending={pending} submitLabel="Save default" onCancel={() => setEditing(false)} />
        </form>
      ) : (
        <p className="px-5 py-4 text-sm text-zinc-700" data-testid="default-event">
          <span className="font-medium text-zinc-900">{title}</span> · {formatDuration(durationMinutes)}
        </p>
      )}
    </Card>
  );
}
