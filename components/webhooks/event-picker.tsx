"use client";

import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

/** The events grouped as people think of them; every event of lib/webhooks/events.ts is in one group. */
const GROUPS: { title: string; prefix: string }[] = [
  { title: "People", prefix: "member." },
  { title: "Groups", prefix: "group." },
  { title: "SCIM tokens and SSO", prefix: "" },
];

function groupOf(event: string) {
  return GROUPS.find((g) => g.prefix && event.startsWith(g.prefix)) ?? GROUPS[2]!;
}

/** Checkboxes named "events": the form's FormData carries the chosen ones. */
export function EventPicker({ selected }: { selected?: readonly string[] }) {
  const chosen = new Set(selected ?? WEBHOOK_EVENTS);
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800">Events</legend>
      <div className="mt-2 grid gap-4 sm:grid-cols-3">
        {GROUPS.map((g) => (
          <div key={g.title}>
            <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{g.title}</p>
            <ul className="mt-1.5 space-y-1">
              {WEBHOOK_EVENTS.filter((e) => groupOf(e) === g).map((e) => (
                <li key={e}>
                  <label className="flex items-center gap-2 text-sm text-zinc-700">
                    <input type="checkbox" name="events" value={e} defaultChecked={chosen.has(e)} className="size-4 rounded border-zinc-300" />
                    <code className="font-mono text-[13px]">{e}</code>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
