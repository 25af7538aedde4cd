"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DurationSelect, eventFieldsFrom, Field, FormError, inputClass, primaryButton, secondaryButton } from "./fields";
import { callApi, EDITOR_MESSAGES } from "@/components/api-client";

export interface GroupOption {
  id: string;
  name: string;
  members: number;
}

export interface ManagedEventValues {
  id: string;
  title: string;
  slug: string;
  durationMinutes: number;
  location: string | null;
  description: string | null;
  assignToAll: boolean;
  groupIds: string[];
}

/** Define or edit a managed event type and choose who receives it. */
export function ManagedEventForm({ initial, groups, onDone }: { initial?: ManagedEventValues; groups: GroupOption[]; onDone: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<"all" | "groups">(initial && !initial.assignToAll ? "groups" : "all");

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const assignment = mode === "all" ? { kind: "all" } : { kind: "groups", groupIds: form.getAll("groupIds").map(String) };
    const body = { ...eventFieldsFrom(form), assignment };
    setPending(true);
    setError(null);
    const res = initial
      ? await callApi("PATCH", `/api/admin/managed-events/${initial.id}`, body, EDITOR_MESSAGES)
      : await callApi("POST", "/api/admin/managed-events", body, EDITOR_MESSAGES);
    setPending(false);
    if (!res.ok) return setError(res.message);
    onDone();
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-5 px-5 py-5" aria-label={initial ? `Edit ${initial.title}` : "New managed event"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title">
          <input name="title" required maxLength={120} defaultValue={initial?.title} placeholder="Customer onboarding" className={inputClass} />
        </Field>
        <Field label="URL name" hint="Part of each member's booking link. Leave empty to use the title.">
          <input name="slug" maxLength={60} defaultValue={initial?.slug} placeholder="customer-onboarding" className={inputClass} />
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
      <FormError message={error} />
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : initial ? "Save and update copies" : "Create managed event"}
        </button>
        <button type="button" onClick={onDone} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
