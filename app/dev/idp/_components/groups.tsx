import type { DirGroup, DirPerson } from "@/lib/dev/idp/directory-store";
import { addGroupAction, deleteGroupAction, groupMemberAction, renameGroupAction } from "../actions";
import { IdpCard, inputClass, primaryButton, secondaryButton } from "./idp-shell";

/** Groups (departments) and their members, pushed to Roster's /Groups. */
export function Groups({ groups, people }: { groups: DirGroup[]; people: DirPerson[] }) {
  return (
    <IdpCard id="groups" title="Groups" description="Groups stand for departments; Roster can give them managed event types.">
      <form action={addGroupAction} aria-label="Add a group" className="mb-4 flex flex-wrap items-end gap-2 rounded-lg bg-slate-50 p-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Group name
          <input name="displayName" required className={inputClass} />
        </label>
        <button type="submit" className={primaryButton}>
          Add group
        </button>
      </form>
      {groups.length === 0 ? <p className="py-4 text-center text-sm text-slate-500">No groups yet.</p> : null}
      <ul className="space-y-3">
        {groups.map((g) => {
          const members = people.filter((p) => g.memberIds.includes(p.id));
          const others = people.filter((p) => !g.memberIds.includes(p.id));
          return (
            <li key={g.id} aria-label={`Group ${g.displayName}`} className="rounded-lg border border-slate-200 p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium text-slate-900">
                  {g.displayName}{" "}
                  <span className="text-xs font-normal text-slate-500">
                    {g.syncError ? `· Error: ${g.syncError}` : g.scimId ? "· Provisioned" : "· Not in Roster yet"}
                  </span>
                </p>
                <div className="flex gap-1.5">
                  <form action={renameGroupAction} className="flex gap-1.5">
                    <input type="hidden" name="id" value={g.id} />
                    <label>
                      <span className="sr-only">New name for {g.displayName}</span>
                      <input name="displayName" required defaultValue={g.displayName} className={`${inputClass} w-40`} />
                    </label>
                    <button type="submit" className={secondaryButton}>
                      Rename
                    </button>
                  </form>
                  <form action={deleteGroupAction}>
                    <input type="hidden" name="id" value={g.id} />
                    <button type="submit" className={`${secondaryButton} text-rose-700`} aria-label={`Delete group ${g.displayName}`}>
                      Delete
                    </button>
                  </form>
                </div>
              </div>
              <div className="mt-2 flex flex-wrap items-center gap-1.5">
                {members.map((p) => (
                  <form key={p.id} action={groupMemberAction}>
                    <input type="hidden" name="groupId" value={g.id} />
                    <input type="hidden" name="personId" value={p.id} />
                    <input type="hidden" name="member" value="false" />
                    <button type="submit" className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-700 hover:bg-rose-50 hover:text-rose-700" aria-label={`Remove ${p.email} from ${g.displayName}`}>
                      {p.givenName} {p.familyName} ×
                    </button>
                  </form>
                ))}
                {others.length ? (
                  <form action={groupMemberAction} className="flex gap-1.5">
                    <input type="hidden" name="groupId" value={g.id} />
                    <input type="hidden" name="member" value="true" />
                    <label>
                      <span className="sr-only">Person to add to {g.displayName}</span>
                      <select name="personId" className={`${inputClass} py-1 text-xs`}>
                        {others.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.givenName} {p.familyName}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="submit" className={`${secondaryButton} py-1 text-xs`}>
                      Add to group
                    </button>
                  </form>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </IdpCard>
  );
}
