"use client";

import { useState } from "react";
import { Alert } from "./alert";
import { Button, type ButtonVariant } from "./button";
import { Dialog } from "./dialog";
import { useApiAction, type ActionRequest } from "./api-client";

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
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
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
