import { SelectField } from "../fields";

const LIFETIME_OPTIONS = [
  { value: "90", label: "90 days (recommended)" },
  { value: "30", label: "30 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never (not recommended)" },
];

export const lifetimeValue = (v: string): number | null => (v === "never" ? null : Number(v));

/** How long a new SCIM token works; the IdP must get a new one before it expires. */
export function TokenLifetimeSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <SelectField label="Token expires after" value={value} onChange={(e) => onChange(e.target.value)}>
      {LIFETIME_OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}
