"use client";

import { useState } from "react";
import { Badge } from "@/components/badge";
import { primaryButton } from "@/components/button";
import { Card } from "@/components/card";
import { ConfirmInPlace } from "@/components/confirm-action";
import { EmptyState } from "@/components/empty-state";
import { formatDuration } from "@/components/format";
import { ClockIcon, GroupsIcon, PinIcon, UsersIcon } from "@/components/icons";
import { ManagedEventForm, type GroupOption, type ManagedEventValues } from "./managed-event-form";

export interface ManagedEventView extends ManagedEventValues {
  groupNames: string[];
  copies: number;
}

/** The list of managed event types with create, edit and delete in place. */
export function ManagedEventsBoard({ events, groups }: { events: ManagedEventView[]; groups: GroupOption[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  const newButton = (
    <button type="button" className={primaryButton} onClick={() => setEditing("new")}>
      New managed event
    </button>
  );

  return (
    <div className="space-y-4">
      {editing === "new" ? (
        <Card>
          <div className="border-b border-zinc-100 px-5 py-4">
            <h2 className="text-base font-semibold text-zinc-900">New managed event</h2>
          </div>
          <ManagedEventForm groups={groups} onDone={() => setEditing(null)} />
        </Card>
      ) : events.length > 0 ? (
        <div className="flex justify-end">{newButton}</div>
      ) : null}
      {events.length === 0 && editing !== "new" ? (
        <EmptyState title="No managed event types yet" action={newButton}>
          Define an event type once (an onboarding call, a support session) and give it to everyone or to chosen groups. Members get a locked
          copy on their booking page that follows your edits.
        </EmptyState>
      ) : null}
      {events.map((e) => (
        <Card key={e.id}>
          <article aria-label={e.title}>
            <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
              <div className="min-w-0">
                <h2 className="text-base font-semibold text-zinc-900">{e.title}</h2>
                <p className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-zinc-500">
                  <span className="flex items-center gap-1">
                    <ClockIcon className="size-4" /> {formatDuration(e.durationMinutes)}
                  </span>
                  <span>/{e.slug}</span>
                  {e.location ? (
                    <span className="flex items-center gap-1">
                      <PinIcon className="size-4" /> {e.location}
                    </span>
                  ) : null}
                </p>
                {e.description ? <p className="mt-2 max-w-2xl text-sm text-zinc-600">{e.description}</p> : null}
                <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
                  {e.assignToAll ? (
                    <Badge tone="brand">
                      <UsersIcon className="size-3.5" /> All members
                    </Badge>
                  ) : e.groupNames.length ? (
                    e.groupNames.map((g) => (
                      <Badge key={g}>
                        <GroupsIcon className="size-3.5" /> {g}
                      </Badge>
                    ))
                  ) : (
                    <Badge tone="amber">Not assigned</Badge>
                  )}
                  <span className="text-zinc-500" data-testid="copies">
                    On {e.copies} {e.copies === 1 ? "member's" : "members'"} booking pages
                  </span>
                </div>
              </div>
              <div className="flex items-center gap-1">
                <button type="button" onClick={() => setEditing(editing === e.id ? null : e.id)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100">
                  Edit
                </button>
                <ConfirmInPlace
                  label="Delete"
                  question={`Delete “${e.title}”? It leaves ${e.copies} booking ${e.copies === 1 ? "page" : "pages"}; meetings already booked stay.`}
                  confirmLabel="Delete managed event"
                  request={{ url: `/api/admin/managed-events/${e.id}`, method: "DELETE" }}
                />
              </div>
            </div>
            {editing === e.id ? (
              <div className="border-t border-zinc-100 bg-zinc-50/60">
                <ManagedEventForm initial={e} groups={groups} onDone={() => setEditing(null)} />
              </div>
            ) : null}
          </article>
        </Card>
      ))}
    </div>
  );
}
