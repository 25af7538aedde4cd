"use client";

import { useState } from "react";

/** A read-only value an admin pastes into their IdP, with a Copy button. */
export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  const id = `copy-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API unavailable (plain http on a LAN address): select the text so Ctrl+C works.
      (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.select();
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  const field = "w-full min-w-0 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-700";
  return (
    <div>
      <label htmlFor={id} className="text-xs font-medium text-zinc-500">
        {label}
      </label>
      <div className="mt-1 flex items-start gap-2">
        {multiline ? (
          <textarea id={id} readOnly value={value} rows={4} className={`${field} resize-none`} />
        ) : (
          <input id={id} readOnly value={value} className={field} />
        )}
        <button
          type="button"
          onClick={copy}
          aria-label={`Copy ${label}`}
          className="shrink-0 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-xs font-medium text-zinc-700 hover:bg-zinc-50"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
