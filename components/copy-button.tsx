"use client";

import { useState } from "react";
import { Button } from "./button";

/** Copies a value (a token, a URL) and says so; `label` names what is copied for screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      aria-label={`Copy ${label}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          // Clipboard refused (insecure origin): the value is selectable on the page.
        }
      }}
    >
      {copied ? "Copied" : "Copy"}
    </Button>
  );
}
