import type { DirGroup, DirPerson } from "@/lib/dev/idp/directory-store";
import { addPersonAction, deletePersonAction, editPersonAction, setActiveAction } from "../actions";
import { IdpCard, inputClass, primaryButton, secondaryButton } from "./idp-shell";

function SyncState({ p }: { p: DirPerson }) {
  if (p.syncError) return <span className="text-xs text-rose-600" title={p.syncError}>Error: {p.syncError}</span>;
  if (p.scimId) return <span className="text-xs text-emerald-700">Provisioned</span>;
  return <span className="text-xs text-slate-500">Not in Roster yet</span>;
}

function PersonFields({ p }: { p?: DirPerson }) {
  return (
    <>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Given name
        <input name="givenName" required defaultValue={p?.givenName} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Family name
        <input name="familyName" required defaultValue={p?.familyName} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Email (userName)
        <input name="email" type="email" required defaultValue={p?.email} className={`${inputClass} min-w-64`} />
      </label>
    </>
  );
}

/** The directory's people: add, edit, suspend, reactivate, delete; each pushed to Roster over SCIM. */
export function People({ people, groups }: { people: DirPerson[]; groups: DirGroup[] }) {
  return (
    <IdpCard id="people" title="People" description="Changes here are sent to Roster's SCIM API, like an IdP's provisioning.">
      <form action={addPersonAction} aria-label="Add a person" className="mb-4 flex flex-wrap items-end gap-2 rounded-lg bg-slate-50 p-3">
        <PersonFields />
        <button type="submit" className={primaryButton}>
          Add person
        </button>
      </form>
      {people.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">No people yet. Add someone above to provision them into Roster.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-2 font-medium">Person</th>
              <th className="py-2 font-medium">Status</th>
              <th className="py-2 font-medium">Groups</th>
              <th className="py-2 font-medium">Roster</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {people.map((p) => (
              <tr key={p.id} aria-label={`${p.givenName} ${p.familyName}`} className="align-top">
                <td className="py-2.5 pr-3">
                  <p className="font-medium text-slate-900">
                    {p.givenName} {p.familyName}
                  </p>
                  <p className="text-xs text-slate-500">{p.email}</p>
                </td>
                <td className="py-2.5 pr-3">{p.active ? <span className="text-emerald-700">Active</span> : <span className="text-slate-500">Suspended</span>}</td>
                <td className="py-2.5 pr-3 text-xs text-slate-600">
                  {groups.filter((g) => g.memberIds.includes(p.id)).map((g) => g.displayName).join(", ") || "—"}
                </td>
                <td className="max-w-56 py-2.5 pr-3">
                  <SyncState p={p} />
                </td>
                <td className="py-2.5">
                  <div className="flex flex-wrap justify-end gap-1.5">
                    <form action={setActiveAction}>
                      <input type="hidden" name="id" value={p.id} />
                      <input type="hidden" name="active" value={String(!p.active)} />
                      <button type="submit" className={secondaryButton} aria-label={`${p.active ? "Suspend" : "Reactivate"} ${p.email}`}>
                        {p.active ? "Suspend" : "Reactivate"}
                      </button>
                    </form>
                    <form method="post" action="/dev/idp/sso/respond">
                      <input type="hidden" name="personId" value={p.id} />
                      <button type="submit" className={secondaryButton} aria-label={`Open Roster as ${p.email}`}>
                        Open Roster
                      </button>
                    </form>
                    <details className="group">
                      <summary className={`${secondaryButton} cursor-pointer list-none`}>More</summary>
                      <div className="mt-2 space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                        <form action={editPersonAction} aria-label={`Edit ${p.email}`} className="flex flex-wrap items-end gap-2">
                          <input type="hidden" name="id" value={p.id} />
                          <PersonFields p={p} />
                          <button type="submit" className={primaryButton}>
                            Save
                          </button>
                        </form>
                        <form action={deletePersonAction}>
                          <input type="hidden" name="id" value={p.id} />
                          <button type="submit" className="text-sm font-medium text-rose-700 hover:underline" aria-label={`Delete ${p.email}`}>
                            Delete {p.givenName} from the directory (and Roster)
                          </button>
                        </form>
                      </div>
                    </details>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </IdpCard>
  );
}
