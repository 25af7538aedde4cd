"use client";

import { useState } from "react";
import { ErrorAlert } from "./alert";
import { EDITOR_MESSAGES, useApiAction, type ActionRequest } from "./api-client";
import { Button, dangerButton, secondaryButton, type ButtonVariant } from "./button";
import { Dialog } from "./dialog";

/**
 * A button that asks first, then calls an admin route. Used for every
 * destructive or consequential action (remove, deactivate, revoke, disable).
 * The server's refusal is shown in the dialog, which stays open.
 */
export interface ConfirmSpec {
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  request: ActionRequest;
  confirmVariant?: ButtonVariant;
  onDone?: (data: unknown) => void;
}

/** The dialog of a confirmed action, controlled by its opener (a button, a menu item). */
export function ConfirmDialog({ open, onClose, spec }: { open: boolean; onClose: () => void; spec: ConfirmSpec }) {
  const { run, pending, error, setError } = useApiAction();
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={spec.title}
      description={spec.description}
      footer={
        <>
          <Button onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant={spec.confirmVariant ?? "danger"}
            disabled={pending}
            onClick={async () => {
              const r = await run(spec.request);
              if (r.ok) {
                close();
                spec.onDone?.(r.data);
              }
            }}
          >
            {pending ? "Working…" : spec.confirmLabel}
          </Button>
        </>
      }
    >
      <ErrorAlert message={error} />
    </Dialog>
  );
}

export function ConfirmAction({
  label,
  title,
  description,
  confirmLabel,
  request,
  variant = "secondary",
  confirmVariant = "danger",
  size = "sm",
  disabled,
  disabledReason,
  onDone,
}: {
  label: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  request: ActionRequest;
  variant?: ButtonVariant;
  confirmVariant?: ButtonVariant;
  size?: "sm" | "md";
  disabled?: boolean;
  /** Why the action is unavailable; shown as the button's description (tooltip and screen readers). */
  disabledReason?: string;
  onDone?: (data: unknown) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        size={size}
        disabled={disabled}
        title={disabled ? disabledReason : undefined}
        aria-description={disabled ? disabledReason : undefined}
        onClick={() => setOpen(true)}
      >
        {label}
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} spec={{ title, description, confirmLabel, request, confirmVariant, onDone }} />
    </>
  );
}

/**
 * The same question asked in place of the button (a member's event types,
 * Managed events): it says what will happen, and nothing is sent until the
 * person confirms. The server's refusal stays under it.
 */
export function ConfirmInPlace({ label, question, confirmLabel, request }: { label: string; question: string; confirmLabel: string; request: ActionRequest }) {
  const [open, setOpen] = useState(false);
  const { run, pending, error } = useApiAction({ messages: EDITOR_MESSAGES });
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
          if ((await run(request)).ok) setOpen(false);
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
