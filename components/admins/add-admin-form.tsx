"use client";

import { AddByEmailForm } from "../add-by-email-form";

/** Makes an existing member an admin, found by their email. */
export function AddAdminForm() {
  return (
    <AddByEmailForm<{ email: string }>
      label="Member’s email"
      submitLabel="Make admin"
      pendingLabel="Saving…"
      request={(email) => ({ url: "/api/admin/admins", body: { email } })}
      done={(_, admin) => `${admin.email} is now an admin.`}
    />
  );
}
