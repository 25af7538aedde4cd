import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireDevSurfaces } from "@/lib/dev/guard";
import { loadDirectory } from "@/lib/dev/idp/directory-store";
import { DemoIdpError, readRosterRequest } from "@/lib/dev/idp/sign-in";
import { IdpCard, IdpShell, inputClass, primaryButton, secondaryButton } from "../_components/idp-shell";

export const metadata: Metadata = { title: "Sign in · Demo IdP" };
export const dynamic = "force-dynamic";

/**
 * The demo IdP's sign-in page (SAML HTTP-Redirect binding): Roster sent the
 * browser here with an AuthnRequest; pick who you are. No passwords — it is
 * a demo. Suspended people can still be picked, to watch Roster refuse them.
 */
export default async function IdpSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  requireDevSurfaces();
  const { SAMLRequest, RelayState } = await searchParams;
  let problem: string | null = SAMLRequest ? null : "There is no sign-in request. Start from Roster's sign-in page.";
  if (SAMLRequest) {
    try {
      await readRosterRequest(SAMLRequest, "redirect");
    } catch (e) {
      if (!(e instanceof DemoIdpError)) throw e;
      problem = e.message;
    }
  }
  const directory = await loadDirectory(await getDb());
  const people = [...directory.people].sort((a, b) => Number(b.active) - Number(a.active) || a.givenName.localeCompare(b.givenName));
  const hidden = (
    <>
      <input type="hidden" name="SAMLRequest" value={SAMLRequest ?? ""} />
      {RelayState ? <input type="hidden" name="RelayState" value={RelayState} /> : null}
    </>
  );
  return (
    <IdpShell>
      <h1 className="text-2xl font-semibold text-slate-900">Sign in to Roster</h1>
      <p className="mt-1 mb-6 text-sm text-slate-500">Roster asked the demo identity provider who you are. Choose a person from the directory.</p>
      {problem ? (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-700">
          {problem}
        </p>
      ) : (
        <div className="space-y-6">
          <IdpCard title="People in the directory" description={people.length ? undefined : "The directory is empty. Add people on the directory page."}>
            <ul className="divide-y divide-slate-100">
              {people.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-3 py-2.5">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-slate-900">
                      {p.givenName} {p.familyName}
                      {p.active ? null : (
                        <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-600">Suspended here</span>
                      )}
                    </p>
                    <p className="truncate text-xs text-slate-500">{p.email}</p>
                  </div>
                  <form method="post" action="/dev/idp/sso/respond">
                    {hidden}
                    <input type="hidden" name="personId" value={p.id} />
                    <button type="submit" className={p.active ? primaryButton : secondaryButton} aria-label={`Sign in as ${p.givenName} ${p.familyName}`}>
                      Sign in
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </IdpCard>
          <IdpCard title="Someone else" description="Any address: try what Roster says to people it does not know.">
            <form method="post" action="/dev/idp/sso/respond" className="flex gap-2">
              {hidden}
              <label className="flex-1">
                <span className="sr-only">Email address</span>
                <input name="email" type="email" required placeholder="someone@example.com" className={`${inputClass} w-full`} />
              </label>
              <button type="submit" className={secondaryButton}>
                Sign in with this address
              </button>
            </form>
          </IdpCard>
        </div>
      )}
    </IdpShell>
  );
}
