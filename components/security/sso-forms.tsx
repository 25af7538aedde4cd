"use client";

import { useState } from "react";
import { ADMIN_MESSAGES, useApiAction, type FailureMessages } from "../api-client";

const SSO_URL = "/api/admin/sso";
const SSO_MESSAGES: FailureMessages = { ...ADMIN_MESSAGES, refused: (status) => `The change failed (HTTP ${status}). Try again.` };

const button = "rounded-lg px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60";

/** Paste or upload the IdP's metadata XML; saving creates or replaces the connection. */
export function SsoMetadataForm({ replacing, idpInitiated = false }: { replacing: boolean; idpInitiated?: boolean }) {
  const [xml, setXml] = useState("");
  const [allowIdp, setAllowIdp] = useState(idpInitiated);
  const { run, pending, error } = useApiAction({ messages: SSO_MESSAGES });

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setXml(await file.text());
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    // Replacing keeps the current IdP-initiated setting (it has its own switch).
    const r = await run({ url: SSO_URL, method: "PUT", body: { metadataXml: xml, ...(replacing ? {} : { idpInitiated: allowIdp }) } });
    if (r.ok) setXml("");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <label className="block">
        <span className="text-sm font-medium text-zinc-700">Identity provider metadata (XML)</span>
        <textarea
          name="metadataXml"
          value={xml}
          onChange={(e) => setXml(e.target.value)}
          rows={6}
          spellCheck={false}
          placeholder={'<md:EntityDescriptor entityID="…">…</md:EntityDescriptor>'}
          className="mt-1.5 w-full rounded-lg border border-zinc-300 px-3 py-2 font-mono text-xs placeholder:text-zinc-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
      </label>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="text-sm text-zinc-600">
          <span className="sr-only">Upload metadata file</span>
          <input type="file" accept=".xml,application/xml,text/xml" onChange={onFile} aria-label="Upload metadata file" className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-zinc-700 hover:file:bg-zinc-200" />
        </label>
        {replacing ? null : (
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="checkbox" checked={allowIdp} onChange={(e) => setAllowIdp(e.target.checked)} className="size-4 rounded border-zinc-300" />
            Allow IdP-initiated sign-in
          </label>
        )}
      </div>
      {error ? (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending || !xml.trim()} className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
        {pending ? "Saving…" : replacing ? "Replace connection" : "Save connection"}
      </button>
    </form>
  );
}

export function IdpInitiatedToggle({ enabled }: { enabled: boolean }) {
  // Shown at once; put back if the server refuses.
  const [checked, setChecked] = useState(enabled);
  const { run, pending, error } = useApiAction({ messages: SSO_MESSAGES });
  async function toggle(next: boolean) {
    setChecked(next);
    const r = await run({ url: SSO_URL, method: "PATCH", body: { idpInitiated: next } });
    if (!r.ok) setChecked(!next);
  }
  return (
    <div>
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" checked={checked} disabled={pending} onChange={(e) => toggle(e.target.checked)} className="mt-0.5 size-4 rounded border-zinc-300" />
        <span>
          <span className="font-medium text-zinc-900">Allow IdP-initiated sign-in</span>
          <span className="block text-zinc-500">
            Lets people start from their IdP&rsquo;s app dashboard. Off, Roster accepts only responses to sign-ins it started, which
            protects against planted or replayed responses.
          </span>
        </span>
      </label>
      {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error}</p> : null}
      {pending ? <p className="sr-only" role="status">Saving…</p> : null}
    </div>
  );
}

/** Removing SSO is destructive for the members' sign-in: it asks first. */
export function RemoveSsoButton({ orgName }: { orgName: string }) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useApiAction({ messages: SSO_MESSAGES });
  async function remove() {
    const r = await run({ url: SSO_URL, method: "DELETE" });
    if (r.ok) setConfirming(false);
  }
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className={`${button} border border-rose-200 bg-white text-rose-700 hover:bg-rose-50`}>
        Remove connection
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="remove-sso-title" className="rounded-lg border border-rose-200 bg-rose-50 p-4">
      <p id="remove-sso-title" className="text-sm font-semibold text-rose-800">
        Remove {orgName}&rsquo;s SAML connection?
      </p>
      <p className="mt-1 text-sm text-rose-700">
        Members will no longer sign in through your identity provider; Roster will email them sign-in links instead. You can connect
        again at any time.
      </p>
      {error ? <p role="alert" className="mt-2 text-sm text-rose-800">{error}</p> : null}
      <div className="mt-3 flex gap-2">
        <button type="button" onClick={remove} disabled={pending} className={`${button} bg-rose-600 text-white hover:bg-rose-700`}>
          {pending ? "Removing…" : "Yes, remove connection"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className={`${button} border border-zinc-300 bg-white text-zinc-700 shadow-none hover:bg-zinc-50`}>
          Cancel
        </button>
      </div>
    </div>
  );
}
