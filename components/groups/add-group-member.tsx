"use client";

import { useState } from "react";
import { Alert } from "../alert";
import { Button } from "../button";
import { TextField } from "../fields";
import { useApiAction } from "../api-client";

/** Adds a member of the organisation to the group by email. */
export function AddGroupMember({ groupId }: { groupId: string }) {
  const [done, setDone] = useState<string | null>(null);
  const { run, pending, error } = useApiAction();
  return (
    <form
      className="flex flex-wrap items-end gap-3 px-5 py-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const email = String(new FormData(form).get("email") ?? "").trim();
        setDone(null);
        const r = await run({ url: `/api/admin/groups/${groupId}/members`, body: { email } });
        if (r.ok) {
          setDone(`Added ${email}.`);
          form.reset();
        }
      }}
    >
      <TextField label="Add a member by email" name="email" type="email" required placeholder="name@company.com" className="min-w-72 flex-1" />
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Adding…" : "Add to group"}
      </Button>
      {error ? (
        <Alert tone="error" role="alert" className="w-full">
          {error}
        </Alert>
      ) : null}
      {done ? (
        <p role="status" className="w-full text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
    </form>
  );
}
