"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi } from "../api-client";
import { RichText } from "./rich-text";

/** What GET /api/admin/security/first-request answers (dates as JSON strings). */
interface FirstRequestAnswer {
  request: { idpName: string; summary: string; status: number; ok: boolean; detail: string | null; at: string } | null;
  signIn: { sentence: string; ok: boolean; at: string } | null;
}

const POLL_MS = 500;
const time = (iso: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

/**
 * The guide's last step and its live panel: "Waiting for the first request…"
 * until the IdP's first request (or, for an IdP without SCIM, its first
 * SAML response: a sign-in through SSO, let in or refused) reaches Roster,
 * then what came, and the step checks itself off.
 * Polls twice a second, and stops once it has turned: an open tab costs one
 * indexed one-row read per half second, and nothing afterwards.
 */
export function LivePanel({ number, step, mode, openedAt }: { number: number; step: string; mode: "provisioning" | "sign-in"; openedAt: string }) {
  // The server's time when the guide was opened (not the browser's), kept across re-renders.
  const [since] = useState(openedAt);
  const [seen, setSeen] = useState<{ line: string; ok: boolean; detail: string | null } | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const router = useRouter();

  // What came changes the rest of the guide too (SSO "Connected", SCIM's last request): re-render it, without a reload.
  useEffect(() => {
    if (seen) router.refresh();
  }, [seen, router]);

  useEffect(() => {
    if (seen) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const url = mode === "sign-in" ? `/api/admin/security/first-request?signInSince=${encodeURIComponent(since)}` : "/api/admin/security/first-request";
    const poll = async () => {
      const r = await callApi<FirstRequestAnswer>("GET", url);
      if (stopped) return;
      if (!r.ok) {
        // Keep trying (a deploy, a dropped connection) but say so: a panel that silently stops waiting misleads.
        setTrouble(r.message);
      } else {
        setTrouble(null);
        const { request, signIn } = r.data;
        if (mode === "sign-in" && signIn) {
          setSeen({ line: `${signIn.sentence} · ${time(signIn.at)}`, ok: signIn.ok, detail: null });
          return;
        }
        if (mode === "provisioning" && request) {
          setSeen({ line: `${request.idpName} · ${request.summary} · ${time(request.at)}`, ok: request.ok, detail: request.ok ? null : `${request.status}: ${request.detail ?? "refused"}` });
          return;
        }
      }
      timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [seen, mode, since]);

  const done = seen !== null;
  return (
    <li className="flex gap-3" data-testid="first-request-step" data-done={done}>
      <span
        aria-hidden
        className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done ? "bg-emerald-600 text-white" : "bg-zinc-100 text-zinc-600"}`}
      >
        {done ? "✓" : number}
      </span>
      <div className="min-w-0 flex-1 space-y-2">
        <p className="text-sm font-medium text-zinc-900">
          {mode === "sign-in" ? "Sign in for the first time" : "Send the first request"}
          {done ? <span className="sr-only"> (done)</span> : null}
        </p>
        <p className="text-sm text-zinc-600">
          <RichText text={step} />
        </p>
        <div
          role="status"
          aria-live="polite"
          aria-label="First request"
          className={`rounded-lg border px-4 py-3 text-sm ${
            !done ? "border-dashed border-zinc-300 bg-zinc-50 text-zinc-600" : seen.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-200 bg-amber-50 text-amber-900"
          }`}
        >
          {!done ? (
            <span className="flex items-center gap-2">
              <span className="h-2 w-2 animate-pulse rounded-full bg-brand-500" aria-hidden />
              {mode === "sign-in" ? "Waiting for the first sign-in through your identity provider…" : "Waiting for the first request from your identity provider…"}
            </span>
          ) : (
            <>
              <p className="font-medium">{seen.line}</p>
              <p className="mt-0.5 text-xs">
                {seen.ok
                  ? mode === "sign-in"
                    ? "Single sign-on works."
                    : "Your identity provider reached Roster with its token. Every request is in the provisioning log."
                  : mode === "sign-in"
                    ? "Your identity provider reached Roster, and single sign-on works; Roster refused this person for the reason above. The audit log has every sign-in."
                    : `Your identity provider reached Roster, which refused the request (${seen.detail}). Fix it in your IdP and retry; the provisioning log has every request.`}
              </p>
            </>
          )}
          {trouble ? <p className="mt-1 text-xs text-rose-700">Still waiting, but Roster did not answer the last check: {trouble}</p> : null}
        </div>
      </div>
    </li>
  );
}
