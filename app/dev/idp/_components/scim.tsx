import type { Directory, ScimLogEntry } from "@/lib/dev/idp/directory-store";
import { SCIM_PERSONAS } from "@/lib/dev/idp/scim-client";
import { forgetTokenAction, pushAllAction, saveScimAction } from "../actions";
import { IdpCard, inputClass, primaryButton, secondaryButton } from "./idp-shell";

const timeFmt = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC" });

/** The provisioning settings, as in an IdP's SCIM app: base URL and the token from Roster's Security page. */
export function ScimSettings({ scim }: { scim: Directory["scim"] }) {
  return (
    <IdpCard
      id="scim"
      title="Provisioning (SCIM)"
      description="In Roster, open Security → SCIM provisioning, create a token, and paste it here."
    >
      <form action={saveScimAction} aria-label="SCIM connection" className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          SCIM base URL
          <input name="baseUrl" required defaultValue={scim.baseUrl} className={`${inputClass} w-80`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Bearer token
          <input name="token" type="password" autoComplete="off" placeholder={scim.token ? "•••••• (saved; paste to replace)" : "scim_…"} className={`${inputClass} w-72`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Send requests as
          <select name="persona" defaultValue={scim.persona ?? "okta"} className={inputClass}>
            {Object.entries(SCIM_PERSONAS).map(([id, p]) => (
              <option key={id} value={id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={primaryButton}>
          Save and test
        </button>
      </form>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <span className={scim.token ? "text-emerald-700" : "text-slate-500"}>{scim.token
            ? `Token saved: changes are pushed to Roster as ${SCIM_PERSONAS[scim.persona ?? "okta"].name} (User-Agent “${SCIM_PERSONAS[scim.persona ?? "okta"].userAgent}”).`
            : "No token: changes stay here."}</span>
        {scim.token ? (
          <>
            <form action={pushAllAction}>
              <button type="submit" className={secondaryButton}>
                Push everyone now
              </button>
            </form>
            <form action={forgetTokenAction}>
              <button type="submit" className={secondaryButton}>
                Forget token
              </button>
            </form>
          </>
        ) : null}
      </div>
    </IdpCard>
  );
}

const pretty = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

/** Every SCIM request the directory sent, newest first, with Roster's answer. */
export function ScimLog({ log }: { log: ScimLogEntry[] }) {
  return (
    <IdpCard id="log" title="Provisioning log" description="The requests this IdP sent to Roster and what Roster answered.">
      {log.length === 0 ? (
        <p className="py-4 text-center text-sm text-slate-500">Nothing sent yet.</p>
      ) : (
        <ol aria-label="SCIM requests" className="divide-y divide-slate-100 text-sm">
          {log.map((e, i) => (
            <li key={`${e.at}-${i}`} className="py-2">
              <details>
                <summary className="flex cursor-pointer items-center gap-3">
                  <span className="w-16 text-xs text-slate-500">{timeFmt.format(new Date(e.at))}</span>
                  <span className="w-14 font-mono text-xs font-semibold text-slate-700">{e.method}</span>
                  <span className="flex-1 truncate font-mono text-xs text-slate-700">{e.path}</span>
                  <span
                    data-testid="scim-status"
                    className={`rounded px-1.5 py-0.5 font-mono text-xs ${e.status && e.status < 300 ? "bg-emerald-50 text-emerald-700" : "bg-rose-50 text-rose-700"}`}
                  >
                    {e.status ?? "no answer"}
                  </span>
                  <span className="w-14 text-right text-xs text-slate-400">{e.ms} ms</span>
                </summary>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{e.request === undefined ? "(no body)" : pretty(e.request)}</pre>
                  <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{e.error ?? (e.response == null ? "(no body)" : pretty(e.response))}</pre>
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
    </IdpCard>
  );
}
