"use client";

import { useState } from "react";
import { ErrorAlert } from "./alert";
import { useApiAction, type ActionRequest } from "./api-client";
import { Button } from "./button";
import { TextField } from "./fields";

/**
 * One email field and a button that acts on the member with that address
 * (make them an admin, add them to a group): the server's refusal, or what
 * was done, under it.
 */
export function AddByEmailForm<T>({
  label,
  submitLabel,
  pendingLabel,
  request,
  done,
}: {
  label: string;
  submitLabel: string;
  pendingLabel: string;
  request: (email: string) => ActionRequest;
  done: (email: string, data: T) => string;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, error } = useApiAction<T>();
  return (
    <form
      className="flex flex-wrap items-end gap-3 px-5 py-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const email = String(new FormData(form).get("email") ?? "").trim();
        setMessage(null);
        const r = await run(request(email));
        if (r.ok) {
          setMessage(done(email, r.data));
          form.reset();
        }
      }}
    >
      <TextField label={label} name="email" type="email" required placeholder="name@company.com" className="min-w-72 flex-1" />
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
      <ErrorAlert message={error} className="w-full" />
      {message ? (
        <p role="status" className="w-full text-sm text-emerald-700">
          {message}
        </p>
      ) : null}
    </form>
  );
}
