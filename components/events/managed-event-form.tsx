"use client";

import { useState } from "react";
import { EDITOR_MESSAGES, useApiAction } from "@/components/api-client";
import { EditorActions, eventFieldsFrom, EventTypeFields, type EventFieldValues } from "./event-fields";

export interface GroupOption {
  id: string;
  name: string;
  members: number;
}

export interface ManagedEventValues extends EventFieldValues {
  id: string;
  assignToAll: boolean;
  groupIds: string[];
}

/** Define or edit a managed event type and choose who receives it. */
export function ManagedEventForm({ initial, groups, onDone }: { initial?: ManagedEventValues; groups: GroupOption[]; onDone: () => void }) {
  const { run, pending, error } = useApiAction({ messages: EDITOR_MESSAGES });
  const [mode, setMode] = useState<"all" | "groups">(initial && !initial.assignToAll ? "groups" : "all");

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const assignment = mode === "all" ? { kind: "all" } : { kind: "groups", groupIds: form.getAll("groupIds").map(String) };
    const body = { ...eventFieldsFrom(form), assignment };
    const r = initial
      ? await run({ url: `/api/admin/managed-events/${initial.id}`, method: "PATCH", body })
      : await run({ url: "/api/admin/managed-events", body });
    if (r.ok) onDone();
  }

  return (
    <form onSubmit={submit} className="space-y-5 px-5 py-5" aria-label={initial ? `Edit ${initial.title}` : "New managed event"}>
      <EventTypeFields
        initial={initial}
        titlePlaceholder="Customer onboarding"
        slugPlaceholder="customer-onboarding"
        slugHint="Part of each member's booking link. Leave empty to use the title."
      />
      <fieldset>
        <legend className="text-sm font-medium text-zinc-700">Give it to</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {(["all", "groups"] as const).map((m) => (
            <label key={m} className={`flex cursor-pointer gap-3 rounded-lg border px-4 py-3 text-sm ${mode === m ? "border-brand-500 bg-brand-50/60 ring-1 ring-brand-500" : "border-zinc-200"}`}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="mt-0.5 accent-brand-600" />
              <span>
                <span className="block font-medium text-zinc-900">{m === "all" ? "All members" : "Chosen groups"}</span>
                <span className="text-zinc-500">{m === "all" ? "Everyone, including people provisioned later." : "Members of the groups; joiners get it, leavers lose it."}</span>
              </span>
            </label>
          ))}
        </div>
        {mode === "groups" ? (
          groups.length === 0 ? (
            <p className="mt-3 text-sm text-zinc-500">No groups yet. Create them on the Groups page or push them from your identity provider.</p>
          ) : (
            <div className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-3" role="group" aria-label="Groups">
              {groups.map((g) => (
                <label key={g.id} className="flex items-center gap-2 text-sm text-zinc-800">
                  <input type="checkbox" name="groupIds" value={g.id} defaultChecked={initial?.groupIds.includes(g.id)} className="size-4 accent-brand-600" />
                  {g.name}
                  <span className="text-zinc-400">({g.members})</span>
                </label>
              ))}
            </div>
          )
        ) : null}
      </fieldset>
      <EditorActions error={error} pending={pending} submitLabel={initial ? "Save and update copies" : "Create managed event"} onCancel={onDone} />
    </form>
  );
}
