"use client";

import type { AttributeGroupsPreview } from "@/lib/orgs/attribute-groups";
import { useState } from "react";
import { ErrorAlert } from "../alert";
import { useApiAction } from "../api-client";
import { Badge } from "../badge";
import { Button } from "../button";
import { Card, CardHeader } from "../card";
import { ConfirmAction } from "../confirm-action";
import { SelectField } from "../fields";
import { plural } from "../format";

/** How many values the one-line summary names before "…". */
const SUMMARY_NAMES = 6;

/**
 * Groups from a user attribute, on the Groups page: choose the attribute, see what would happen, apply;
 * or, when on, what it keeps and how to turn it off. Every change is the server's to refuse.
 */
export function AttributeGroupsPanel({
  options,
  current,
}: {
  /** The attributes Roster can group by, with how the page names them ("department", "cost center"). */
  options: { value: string; label: string }[];
  current: { attribute: string; label: string; groups: number; people: number } | null;
}) {
  if (current) return <AttributeGroupsOn current={current} />;
  return <AttributeGroupsOff options={options} />;
}

function AttributeGroupsOn({ current }: { current: { attribute: string; label: string; groups: number; people: number } }) {
  return (
    <Card className="mb-6">
      <CardHeader
        title={`Groups follow each person’s ${current.label}`}
        description={
          <>
            {plural(current.groups, "group")} kept from the {current.label} your identity provider sends, with{" "}
            {plural(current.people, "person", "people")} in them. When the IdP changes someone’s {current.label}, they move group.
            These groups are read-only here; managed event types can be given to them like to any group.
          </>
        }
        actions={
          <ConfirmAction
            label="Turn off"
            size="md"
            title={`Stop keeping groups from the ${current.label}?`}
            description={
              <>
                The {plural(current.groups, "group")} stay, with their members and managed event types, as ordinary groups you can rename,
                edit and delete (and your IdP sees them over SCIM like any group made in Roster). They no longer follow the {current.label}.
                A group whose name another group already has is renamed “… (from {current.label})”. To group by another attribute,
                turn this off, then choose it.
              </>
            }
            confirmLabel="Turn off"
            request={{ url: "/api/admin/groups/from-attribute", method: "DELETE" }}
          />
        }
      />
    </Card>
  );
}

function AttributeGroupsOff({ options }: { options: { value: string; label: string }[] }) {
  const [attribute, setAttribute] = useState(options[0]?.value ?? "");
  const [preview, setPreview] = useState<AttributeGroupsPreview | null>(null);
  const previewing = useApiAction<AttributeGroupsPreview>({ refresh: false });
  const applying = useApiAction<AttributeGroupsPreview>();
  // The select shows "Department"; sentences say "the department".
  const label = (options.find((o) => o.value === attribute)?.label ?? attribute).toLowerCase();
  return (
    <Card className="mb-6">
      <CardHeader
        title="Groups from a user attribute"
        description="Does your identity provider send people’s department rather than groups? Roster can keep one group per value, with the people who have it, and move people as the IdP changes the value."
      />
      <div className="space-y-4 px-5 py-4">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setPreview(null);
            const r = await previewing.run({ url: "/api/admin/groups/from-attribute/preview", body: { attribute } });
            if (r.ok) setPreview(r.data);
          }}
        >
          <SelectField
            label="Attribute"
            className="w-64"
            value={attribute}
            onChange={(e) => {
              setAttribute(e.target.value);
              setPreview(null);
            }}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
          <Button type="submit" disabled={previewing.pending}>
            {previewing.pending ? "Counting…" : "Preview"}
          </Button>
        </form>
        <ErrorAlert message={previewing.error ?? applying.error} />
        {preview ? <PreviewResult preview={preview} label={label} /> : null}
        {preview && preview.people > 0 ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button
              variant="primary"
              disabled={applying.pending}
              onClick={async () => {
                if ((await applying.run({ url: "/api/admin/groups/from-attribute", body: { attribute: preview.attribute } })).ok) setPreview(null);
              }}
            >
              {applying.pending ? "Applying…" : `Apply: keep groups from the ${label}`}
            </Button>
            <span className="text-xs text-zinc-500">Changing the attribute later means turning this off, then choosing another one.</span>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

function PreviewResult({ preview, label }: { preview: AttributeGroupsPreview; label: string }) {
  if (preview.people === 0) {
    return (
      <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Nobody has a {label} yet. Check that your IdP sends it (Okta: the profile mapping; Entra ID: the attribute mappings of the
        app), or choose another attribute.
      </p>
    );
  }
  const named = preview.groups
    .slice(0, SUMMARY_NAMES)
    .map((g) => `${g.name} ${g.people}`)
    .join(", ");
  const changes = preview.groups.filter((g) => g.adopts || g.besideIdpGroup);
  return (
    <div role="status" aria-label="Preview" className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-800">
      <p className="font-medium text-zinc-900">
        {plural(preview.people, "person", "people")} into {plural(preview.groups.length, "group")}: {named}
        {preview.groups.length > SUMMARY_NAMES ? ", …" : ""}
      </p>
      {preview.withoutValue > 0 ? (
        <p className="text-zinc-600">
          {plural(preview.withoutValue, "person has", "people have")} no {label} and join no group.
        </p>
      ) : null}
      {changes.length ? (
        <div>
          <p className="font-medium text-zinc-900">Existing groups</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {changes.map((g) => (
              <li key={g.name}>
                {g.adopts ? (
                  <>
                    “{g.name}” (made in Roster, {plural(g.adopts.members, "member")}) becomes the {label} group: {g.adopts.joining} join,{" "}
                    {g.adopts.leaving} leave. Its managed event types stay.
                  </>
                ) : (
                  <>
                    “{g.name}” from your IdP stays as it is; a separate “{g.name}” <Badge>From {label}</Badge> is made beside it.
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-zinc-600">No existing group changes: every group is new.</p>
      )}
    </div>
  );
}
