"use client";

import { useState } from "react";
import { Alert } from "./alert";
import { Button, type ButtonVariant } from "./button";
import { Dialog } from "./dialog";
import { useAdminAction, type ActionRequest } from "./use-admin-action";

/**
 * A button that asks first, then calls an admin route. Used for every
 * destructive or consequential action (remove, deactivate, revoke, disable).
 * The server's refusal is shown in the dialog, which stays open.
 */
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
  const { run, pending, error, setError } = useAdminAction();
  const close = () => {
    setOpen(false);
    setError(null);
  };
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
      <Dialog
        open={open}
        onClose={close}
        title={title}
        description={description}
        footer={
          <>
            <Button onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button
              variant={confirmVariant}
              disabled={pending}
              onClick={async () => {
                const r = await run(request);
                if (r.ok) {
                  close();
                  onDone?.(r.data);
                }
              }}
            >
              {pending ? "Working…" : confirmLabel}
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
    </>
  );
}
