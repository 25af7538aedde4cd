"use client";

import { useState } from "react";
import { Alert, ErrorAlert } from "../alert";
import { useApiAction } from "../api-client";
import { Button } from "../button";
import { Card, CardHeader } from "../card";
import { TextField } from "../fields";

/** The guard's settings as the page shows them. */
export interface GuardView {
  enabled: boolean;
  minCount: number;
  percent: number;
  /** Memberships of the organisation: what the percentage applies to. */
  members: number;
  allowedUntil: string | null;
}

/**
 * Issue 16: the mass-deprovisioning guard's settings on the Security page.
 * The owner changes them; admins see them read-only.
 */
export function GuardSection({ guard, canChange }: { guard: GuardView; canChange: boolean }) {
  const { run, pending, error } = useApiAction();
  const [enabled, setEnabled] = useState(guard.enabled);
  const [minCount, setMinCount] = useState(String(guard.minCount));
  const [percent, setPercent] = useState(String(guard.percent));
  const [saved, setSaved] = useState(false);
  const threshold = Math.max(guard.minCount, Math.floor((guard.members * guard.percent) / 100));
  return (
    <Card>
      <CardHeader
        title="Mass-deprovisioning guard"
        description="Holds your identity provider's deactivations and deletions when too many arrive within an hour, until an owner or admin allows them. A wrong group assignment then cannot remove half of your organisation."
      />
      <div className="space-y-4 px-5 py-5 text-sm">
        <p data-testid="guard-summary" className="text-zinc-700">
          {guard.enabled
            ? `On: more than ${threshold} SCIM deactivations and deletions in an hour (the larger of ${guard.minCount} people and ${guard.percent}% of ${guard.members} members) are held.`
            : "Off: every deactivation and deletion from your identity provider applies at once."}
        </p>
        {guard.allowedUntil && new Date(guard.allowedUntil) > new Date() ? (
          <Alert tone="warning">Allowed until {new Date(guard.allowedUntil).toUTCString()}: nothing is held until then.</Alert>
        ) : null}
        {canChange ? (
          <form
            className="flex flex-wrap items-end gap-4"
            onSubmit={async (e) => {
              e.preventDefault();
              setSaved(false);
              const r = await run({
                url: "/api/admin/deprovision-guard",
                body: { action: "configure", enabled, minCount: Number(minCount), percent: Number(percent) },
              });
              if (r.ok) setSaved(true);
            }}
          >
            <label className="flex items-center gap-2 pb-2 font-medium text-zinc-700">
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Guard on
            </label>
            <TextField label="At least (people an hour)" type="number" min={1} value={minCount} onChange={(e) => setMinCount(e.target.value)} className="w-44" />
            <TextField label="Or % of members" type="number" min={0} max={100} value={percent} onChange={(e) => setPercent(e.target.value)} className="w-36" />
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Saving…" : "Save guard settings"}
            </Button>
            {saved ? <span role="status" className="pb-2 text-emerald-700">Saved.</span> : null}
          </form>
        ) : (
          <p className="text-zinc-500">Only the owner changes these settings.</p>
        )}
        <ErrorAlert message={error} />
      </div>
    </Card>
  );
}
