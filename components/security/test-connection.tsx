"use client";

import { useState } from "react";
import { Alert, ErrorAlert } from "../alert";
import { Button } from "../button";
import { useApiAction } from "../api-client";

interface Result {
  ok: boolean;
  status: number | null;
  message: string;
  durationMs: number;
}

/**
 * Calls this organisation's SCIM endpoint from the server with a token the
 * admin pastes (tokens are stored hashed: the server cannot pick one), and
 * says whether an IdP using it would get in.
 */
export function TestConnection() {
  const [token, setToken] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const { run, pending, error } = useApiAction<Result>({ refresh: false });
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setResult(null);
        const r = await run({ url: "/api/admin/scim/test", body: { token } });
        if (r.ok) setResult(r.data);
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <label className="block min-w-80 flex-1">
          <span className="text-sm font-medium text-zinc-700">Token to test</span>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder="scim_…"
            className="mt-1.5 w-full rounded-lg border border-zinc-300 px-3 py-2 font-mono text-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
          />
        </label>
        <Button type="submit" disabled={pending || !token.trim()}>
          {pending ? "Testing…" : "Test connection"}
        </Button>
      </div>
      <ErrorAlert message={error} />
      {result ? (
        <Alert tone={result.ok ? "success" : "error"} role="status" title={result.ok ? "Connection works" : "Connection failed"}>
          {result.message} <span className="opacity-70">({result.durationMs} ms)</span>
        </Alert>
      ) : null}
    </form>
  );
}
