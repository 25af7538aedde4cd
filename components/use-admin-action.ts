"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";

export interface ActionRequest {
  url: string;
  method?: "POST" | "PATCH" | "DELETE" | "GET";
  body?: unknown;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Calls an /api/admin route and turns its answer into something a dialog can
 * show: the server's message on a refusal (it says what to do next), a plain
 * sentence when the network fails. Refreshes the page's server data on success.
 */
export function useAdminAction<T = unknown>({ refresh = true }: { refresh?: boolean } = {}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (req: ActionRequest): Promise<ActionResult<T>> => {
      setPending(true);
      setError(null);
      try {
        const res = await fetch(req.url, {
          method: req.method ?? "POST",
          headers: req.body === undefined ? undefined : { "content-type": "application/json" },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
        });
        const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        if (!res.ok) {
          const message =
            json?.error?.message ??
            (res.status === 401 ? "Your session has ended. Sign in again." : `The server answered ${res.status}. Try again.`);
          setError(message);
          return { ok: false, message };
        }
        if (refresh) router.refresh();
        return { ok: true, data: json as T };
      } catch {
        const message = "Could not reach Roster. Check your connection and try again.";
        setError(message);
        return { ok: false, message };
      } finally {
        setPending(false);
      }
    },
    [router, refresh],
  );

  return { run, pending, error, setError };
}
