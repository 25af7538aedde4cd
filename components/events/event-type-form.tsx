"use client";

import { EDITOR_MESSAGES, useApiAction } from "@/components/api-client";
import { EditorActions, eventFieldsFrom, EventTypeFields, type EventFieldValues } from "./event-fields";

export interface EventTypeValues extends EventFieldValues {
  id?: string;
}

/** Create or edit one of the signed-in person's own event types. */
export function EventTypeForm({ initial, onDone }: { initial?: EventTypeValues; onDone: () => void }) {
  const { run, pending, error } = useApiAction({ messages: EDITOR_MESSAGES });

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = eventFieldsFrom(new FormData(e.currentTarget));
    const r = initial?.id
      ? await run({ url: `/api/me/event-types/${initial.id}`, method: "PATCH", body })
      : await run({ url: "/api/me/event-types", body });
    if (r.ok) onDone();
  }

  return (
    <form onSubmit={submit} className="space-y-4 bg-zinc-50/70 px-5 py-5" aria-label={initial ? `Edit ${initial.title}` : "New event type"}>
      <EventTypeFields initial={initial} titlePlaceholder="Intro call" slugPlaceholder="intro-call" slugHint="Leave empty to use the title." />
      <EditorActions error={error} pending={pending} submitLabel={initial ? "Save changes" : "Create event type"} onCancel={onDone} />
    </form>
  );
}
