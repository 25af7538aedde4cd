"use client";

import { AddByEmailForm } from "../add-by-email-form";

/** Adds a member of the organisation to the group by email. */
export function AddGroupMember({ groupId }: { groupId: string }) {
  return (
    <AddByEmailForm
      label="Add a member by email"
      submitLabel="Add to group"
      pendingLabel="Adding…"
      request={(email) => ({ url: `/api/admin/groups/${groupId}/members`, body: { email } })}
      done={(email) => `Added ${email}.`}
    />
  );
}
