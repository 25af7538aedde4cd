"use client";

import { useEffect, useId, useRef, useState } from "react";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  tone?: "danger";
  disabled?: boolean;
}

/**
 * A row's "⋯" actions menu: a button named `label` ("Actions") and described
 * by the row's `subject` ("Ada Lee"), so a screen reader says whose actions
 * they are while the row's name cell stays the only cell named after the
 * person. It opens a list of menu items. Escape and a click outside close it;
 * arrow keys move between items. `note` explains, inside the menu, why some
 * items are unavailable.
 */
export function RowMenu({ label, subject, items, note }: { label: string; subject: string; items: MenuItem[]; note?: string }) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<React.CSSProperties>({});
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const subjectId = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    // Tables scroll sideways, which would clip a menu positioned inside them: place it on the viewport
    // instead, and close it when the page scrolls away from under it.
    const close = () => setOpen(false);
    document.addEventListener("mousedown", onDown);
    window.addEventListener("scroll", close, { passive: true });
    window.addEventListener("resize", close);
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus();
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("scroll", close);
      window.removeEventListener("resize", close);
    };
  }, [open]);
  const move = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>("button")?.focus();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const list = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    list[(at + (e.key === "ArrowDown" ? 1 : list.length - 1)) % list.length]?.focus();
  };
  return (
    <div ref={root} className="relative inline-block text-left" onKeyDown={move}>
      {/* Hidden, so it describes the button without adding the name to the table cell's own name. */}
      <span id={subjectId} hidden>
        {subject}
      </span>
      <button
        type="button"
        aria-label={label}
        aria-describedby={subjectId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const below = window.innerHeight - r.bottom > 240;
          setPlace({
            position: "fixed",
            right: window.innerWidth - r.right,
            ...(below ? { top: r.bottom + 4 } : { bottom: window.innerHeight - r.top + 4 }),
          });
          setOpen((o) => !o);
        }}
        className="grid size-8 place-items-center rounded-lg text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-5">
          <path d="M4 10a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm7.5 0a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0ZM19 10a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Z" />
        </svg>
      </button>
      {open ? (
        <div
          id={id}
          role="menu"
          aria-label={`${label}: ${subject}`}
          style={place}
          className="z-30 w-64 rounded-lg border border-zinc-200 bg-white py-1 text-left shadow-lg"
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className={`block w-full px-3 py-2 text-left text-sm hover:bg-zinc-50 focus:bg-zinc-50 focus:outline-none disabled:cursor-not-allowed disabled:text-zinc-300 disabled:hover:bg-transparent ${
                item.tone === "danger" ? "text-rose-700" : "text-zinc-800"
              }`}
            >
              {item.label}
            </button>
          ))}
          {note ? <p className="border-t border-zinc-100 px-3 py-2 text-xs text-zinc-500">{note}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
