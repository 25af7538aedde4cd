"use client";

import { useState } from "react";
import { LinkIcon } from "@/components/icons";

export function CopyLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-2 rounded-lg border border-zinc-200 bg-white py-1 pr-1 pl-3 text-sm">
      <LinkIcon className="size-4 text-zinc-400" />
      <a href={url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 hover:underline" data-testid="booking-link">
        {url.replace(/^https?:\/\//, "")}
      </a>
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard?.writeText(url).catch(() => {});
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        }}
        className="rounded-md bg-zinc-100 px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-200"
      >
        {copied ? "Copied" : "Copy link"}
      </button>
    </span>
  );
}
