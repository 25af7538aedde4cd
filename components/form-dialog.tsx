"use client";

import { ErrorAlert } from "./alert";
import { Button } from "./button";
import { Dialog, DialogFooter } from "./dialog";

/**
 * A dialog whose body is a form, so Enter submits: the fields, the server's
 * refusal under them (the dialog stays open), then Cancel and the submit button.
 */
export function FormDialog({
  open,
  onClose,
  title,
  description,
  onSubmit,
  pending,
  error,
  submitLabel,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  onSubmit: (form: FormData) => void;
  pending: boolean;
  error: string | null;
  submitLabel: string;
  /** The form's layout of the fields (e.g. "space-y-4"). */
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <form
        className={className}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(new FormData(e.currentTarget));
        }}
      >
        {children}
        <ErrorAlert message={error} className="mt-3" />
        <DialogFooter>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={pending}>
            {submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
