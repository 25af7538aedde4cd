"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, EDITOR_MESSAGES } from "@/components/api-client";

/** On/off for one event type, applied at once and undone if the server refuses. */
export function BookableSwitch({ id, title, active, onError }: { id: string; title: string; active: boolean; onError: (m: string | null) => void }) {
  const router = useRouter();
  const [on, setOn] = useState(active);
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      aria-label={`${title} bookable`}
      disabled={pending}
      onClick={async () => {
        const next = !on;
        setOn(next);
        setPending(true);
        const res = await callApi("PATCH", `/api/me/event-types/${id}`, { active: next }, EDITOR_MESSAGES);
        setPending(false);
        if (!res.ok) setOn(!next);
        onError(res.ok ? null : res.message);
        router.refresh();
      }}
      className="mr-2 flex items-center gap-2 text-sm text-zinc-600"
    >
      <span className={`relative h-5 w-9 rounded-full transition ${on ? "bg-brand-600" : "bg-zinc-300"}`}>
        <span className={`absolute top-0.5 left-0.5 size-4 rounded-full bg-white shadow transition ${on ? "translate-x-4" : ""}`} />
      </span>
      {on ? "On" : "Off"}
    </button>
  );
}
