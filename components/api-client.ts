"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";

/**
 * The one way Roster's pages call Roster's JSON routes (/api/admin, /api/me,
 * /api/bookings). Routes refuse with `{ error: { message } }`, a sentence that
 * says what to do next, and that is what the person reads; the wording below
 * is only for answers without one (a proxy's error page) and for no answer.
 */
export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A call as a component describes it (POST unless it says otherwise). */
export interface ActionRequest {
  url: string;
  method?: ApiMethod;
  body?: unknown;
}

/** `status` 0: Roster was not reached. */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string };

export interface FailureMessages {
  /** No answer at all (offline, server down). */
  unreachable: string;
  /** An error status without a message of Roster's own. */
  refused: (status: number) => string;
}

const UNREACHABLE = "Could not reach Roster. Check your connection and try again.";

/** The admin console's wording. */
export const ADMIN_MESSAGES: FailureMessages = {
  unreachable: UNREACHABLE,
  refused: (status) => (status === 401 ? "Your session has ended. Sign in again." : `The server answered ${status}. Try again.`),
};

/** The event type editors' wording (a member's own event types, Managed events). */
export const EDITOR_MESSAGES: FailureMessages = {
  unreachable: UNREACHABLE,
  refused: (status) => `Request failed (${status}). Try again.`,
};

function serverMessage(json: unknown): string | undefined {
  return (json as { error?: { message?: string } } | null)?.error?.message;
}

/** Sends `body` as JSON and returns the parsed answer, or the message to show. Never throws. */
export async function callApi<T = unknown>(
  method: ApiMethod,
  url: string,
  body?: unknown,
  messages: FailureMessages = ADMIN_MESSAGES,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: messages.unreachable };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  return { ok: false, status: res.status, message: serverMessage(json) ?? messages.refused(res.status) };
}

/**
 * callApi for a button or a form: `pending` while it runs, `error` for the
 * dialog to show (it stays open), and the page's server data refreshed on
 * success. `messages` must be a module-level constant: it is part of `run`'s
 * identity, which effects may depend on.
 */
export function useApiAction<T = unknown>({ refresh = true, messages = ADMIN_MESSAGES }: { refresh?: boolean; messages?: FailureMessages } = {}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (req: ActionRequest): Promise<ApiResult<T>> => {
      setPending(true);
      setError(null);
      const result = await callApi<T>(req.method ?? "POST", req.url, req.body, messages);
      if (!result.ok) setError(result.message);
      else if (refresh) router.refresh();
      setPending(false);
      return result;
    },
    [router, refresh, messages],
  );

  return { run, pending, error, setError };
}
