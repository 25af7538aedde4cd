"use client";

import { useState } from "react";
import { useApiAction } from "../api-client";
import { Button } from "../button";
import { FormError, SelectField } from "../fields";

const OPTIONS = [
  { days: 90, label: "90 days" },
  { days: 180, label: "6 months" },
  { days: 365, label: "1 year (default)" },
  { days: 730, label: "2 years" },
  { days: 1095, label: "3 years" },
  { days: 2555, label: "7 years" },
];

/**
 * How long the audit trail and the provisioning log keep entries. The owner
 * changes it; everyone else sees the setting and who may change it.
 */
export function RetentionForm({ days, canChange }: { days: number; canChange: boolean }) {
  const [value, setValue] = useState(String(days));
  const { run, pending, error } = useApiAction();
  const options = OPTIONS.some((o) => o.days === days) ? OPTIONS : [...OPTIONS, { days, label: `${days} days` }];
  if (!canChange) {
    const label = options.find((o) => o.days === days)?.label ?? `${days} days`;
    return (
      <p className="text-sm text-zinc-600">
        Entries are kept for <span className="font-medium text-zinc-900">{label}</span>, then deleted. Only the owner can change this.
      </p>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ url: "/api/admin/audit/retention", body: { days: Number(value) } });
      }}
    >
      <SelectField
        label="Keep entries for"
        hint="Older audit and provisioning-log entries are deleted within minutes of reaching this age."
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="w-64"
      >
        {options.map((o) => (
          <option key={o.days} value={o.days}>
            {o.label}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={pending || Number(value) === days} className="mb-6">
        {pending ? "Saving…" : "Save"}
      </Button>
      <div className="basis-full">
        <FormError message={error} />
      </div>
    </form>
  );
}
