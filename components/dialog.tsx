"use client";

import { useEffect, useId, useRef } from "react";

/**
 * A modal dialog on the native <dialog> element: focus is trapped and
 * restored, Escape closes it, and it is announced as a dialog named by its
 * title, so tests and screen readers find it with getByRole("dialog").
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  wide = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children?: React.ReactNode;
  footer?: React.ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto w-full ${wide ? "max-w-2xl" : "max-w-md"} rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-900/40`}
    >
      {open ? (
        <div>
          <div className="px-6 pt-5">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description ? <div className="mt-1 text-sm text-zinc-600">{description}</div> : null}
          </div>
          {children ? <div className={`px-6 pt-4 ${footer ? "" : "pb-5"}`}>{children}</div> : null}
          {footer ? <div className={FOOTER}>{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}

const FOOTER = "mt-5 flex justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50 px-6 py-3";

/** The button row of a dialog whose body is a form (so Enter submits): put it last inside the form. */
export function DialogFooter({ children }: { children: React.ReactNode }) {
  return <div className={`-mx-6 -mb-5 ${FOOTER}`}>{children}</div>;
}
