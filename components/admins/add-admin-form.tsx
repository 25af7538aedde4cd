"use client";

import { useState } from "react";
import { Alert } from "../alert";
import { Button } from "../button";
import { TextField } from "../fields";
import { useApiAction } from "../api-client";

/** Makes an existing member an admin, found by their email. */
export function AddAdminForm() {
  const [done, setDone] = useState<string | null>(null);
  const { run, pending, error } = useApiAction<{ email: string }>();
  return (
    <form
      className="flex flex-wrap items-end gap-3 px-5 py-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const email = String(new FormData(form).get("email") ?? "");
        setDone(null);
        const r = await run({ url: "/api/admin/admins", body: { email } });
        if (r.ok) {
          setDone(`${r.data.email} is now an admin.`);
          form.reset();
        }
      }}
    >
      <TextField label="Member’s email" name="email" type="email" required placeholder="name@company.com" className="min-w-72 flex-1" />
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Make admin"}
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
