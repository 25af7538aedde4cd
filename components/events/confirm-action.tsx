"use client";

import { useState } from "react";
import { dangerButton, secondaryButton } from "./fields";

/**
 * A destructive button that asks first, in place: the question says what
 * will happen, and nothing is sent until the person confirms.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-rose-600 hover:bg-rose-50">
        {label}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-label={question} className="flex flex-wrap items-center gap-2 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2">
      <span className="text-sm text-rose-800">{question}</span>
      <button
        type="button"
        disabled={pending}
        className={`${dangerButton} py-1.5`}
        onClick={async () => {
          setPending(true);
          const failure = await onConfirm();
          setPending(false);
          setError(failure);
          if (!failure) setOpen(false);
        }}
      >
        {pending ? "Working…" : confirmLabel}
      </button>
      <button type="button" onClick={() => setOpen(false)} className={`${secondaryButton} py-1.5`}>
        Cancel
      </button>
      {error ? (
        <span role="alert" className="w-full text-sm text-rose-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
