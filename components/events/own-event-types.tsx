"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/badge";
import { primaryButton } from "@/components/button";
import { ConfirmInPlace } from "@/components/confirm-action";
import { formatDuration } from "@/components/format";
import { ClockIcon, LockIcon } from "@/components/icons";
import { BookableSwitch } from "./bookable-switch";
import { EventTypeForm, type EventTypeValues } from "./event-type-form";

export interface OwnEventType extends EventTypeValues {
  id: string;
  active: boolean;
  isDefault: boolean;
  managed: boolean;
}

/**
 * The signed-in person's event types with their actions. Managed copies are
 * shown locked: the admins change them on the Managed events page.
 */
export function OwnEventTypes({
  items,
  bookingBase,
  orgName,
  allowCreate,
  emptyText,
}: {
  items: OwnEventType[];
  /** Public URL prefix of these event types, when they are bookable. */
  bookingBase: string | null;
  orgName: string | null;
  allowCreate: boolean;
  emptyText: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);

  return (
    <div>
      {allowCreate ? (
        <div className="flex justify-end border-b border-zinc-100 px-5 py-3">
          <button type="button" className={primaryButton} onClick={() => setEditing("new")} disabled={editing === "new"}>
            New event type
          </button>
        </div>
      ) : null}
      {editing === "new" ? <EventTypeForm onDone={() => setEditing(null)} /> : null}
      {items.length === 0 ? <p className="px-5 py-8 text-center text-sm text-zinc-500">{emptyText}</p> : null}
      <ul className="divide-y divide-zinc-100">
        {items.map((e) => (
          <li key={e.id} aria-label={e.title}>
            <div className="flex flex-wrap items-center gap-4 px-5 py-4">
              <span className={`h-10 w-1 rounded-full ${e.active ? "bg-brand-500" : "bg-zinc-200"}`} aria-hidden="true" />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium text-zinc-900">
                  {e.title}
                  {e.isDefault ? <Badge>Default</Badge> : null}
                  {e.managed ? (
                    <Badge tone="brand">
                      <LockIcon className="size-3" /> Managed by {orgName ?? "your organisation"}
                    </Badge>
                  ) : null}
                  {!e.active ? <Badge tone="amber">Not bookable</Badge> : null}
                </p>
                <p className="mt-0.5 flex flex-wrap items-center gap-x-3 text-sm text-zinc-500">
                  <span className="flex items-center gap-1">
                    <ClockIcon className="size-3.5" /> {formatDuration(e.durationMinutes)}
                  </span>
                  {bookingBase ? (
                    <Link href={`${bookingBase}/${e.slug}`} className="text-brand-600 hover:text-brand-700" target="_blank">
                      /{e.slug}
                    </Link>
                  ) : (
                    <span>/{e.slug}</span>
                  )}
                  {e.location ? <span>{e.location}</span> : null}
                </p>
              </div>
              {e.managed ? (
                <p className="text-xs text-zinc-400">Changed by your admins</p>
              ) : (
                <div className="flex items-center gap-1">
                  <BookableSwitch
                    key={`${e.id}-${e.active}`}
                    id={e.id}
                    title={e.title}
                    active={e.active}
                    onError={(message) => setRowError(message ? { id: e.id, message } : null)}
                  />
                  <button type="button" onClick={() => setEditing(e.id)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100">
                    Edit
                  </button>
                  <ConfirmInPlace
                    label="Delete"
                    question={`Delete “${e.title}”? Its link stops working; meetings already booked stay.`}
                    confirmLabel="Delete event type"
                    request={{ url: `/api/me/event-types/${e.id}`, method: "DELETE" }}
                  />
                </div>
              )}
            </div>
            {rowError?.id === e.id ? (
              <p role="alert" className="px-5 pb-3 text-sm text-rose-600">
                {rowError.message}
              </p>
            ) : null}
            {editing === e.id ? <EventTypeForm initial={e} onDone={() => setEditing(null)} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
