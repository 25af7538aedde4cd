import Link from "next/link";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import type { GuideStep, GuideValue, IdpGuide } from "@/lib/security/idp-guides";
import type { SetupGuideView } from "@/lib/security/overview";
import { CopyField } from "./copy-field";
import { LivePanel } from "./live-panel";
import { NewToken } from "./new-token";
import { RichText } from "./rich-text";

/** The IdP picker above a guide: one link per guide, the current one marked. */
export function GuidePicker({ guides, current }: { guides: Pick<IdpGuide, "id" | "name">[]; current?: string }) {
  return (
    <nav aria-label="Identity provider" className="flex flex-wrap gap-2">
      {guides.map((g) => (
        <Link
          key={g.id}
          href={`/admin/security/setup/${g.id}`}
          aria-current={g.id === current ? "page" : undefined}
          className={`rounded-lg border px-3 py-1.5 text-sm font-medium ${
            g.id === current ? "border-brand-600 bg-brand-50 text-brand-700" : "border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50"
          }`}
        >
          {g.name}
        </Link>
      ))}
    </nav>
  );
}

function Value({ v, view }: { v: GuideValue; view: SetupGuideView }) {
  if ("text" in v) return <CopyField label={v.label} value={v.text} />;
  if (v.from !== "token") return <CopyField label={v.label} value={view.values[v.from]} />;
  // Only the token's hash is stored: it can be shown once, when it is created, and never on a later visit.
  return (
    <div>
      <p className="text-xs font-medium text-zinc-500">{v.label}</p>
      {view.scim.enabled ? (
        <div className="mt-1 flex flex-wrap items-center gap-3 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2">
          <p className="flex-1 text-xs text-zinc-600">Roster shows a token once, when you create it. Create one for {view.guide.name} and paste it here.</p>
          <NewToken baseUrl={view.scim.baseUrl} label="Create a token" />
        </div>
      ) : (
        <p className="mt-1 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-xs text-zinc-600">
          Turn on SCIM provisioning on the{" "}
          <Link href="/admin/security" className="font-medium text-brand-700 hover:underline">
            Security page
          </Link>{" "}
          first: it shows the token once.{view.scim.enableBlocker ? ` ${view.scim.enableBlocker}` : ""}
        </p>
      )}
    </div>
  );
}

function Steps({ steps, start, view }: { steps: GuideStep[]; start: number; view: SetupGuideView }) {
  return (
    <>
      {steps.map((s, i) => (
        <li key={s.title} className="flex gap-3">
          <span aria-hidden className="mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600">
            {start + i}
          </span>
          <div className="min-w-0 flex-1 space-y-2">
            <p className="text-sm font-medium text-zinc-900">{s.title}</p>
            <p className="text-sm text-zinc-600">
              <RichText text={s.body} />
            </p>
            {s.values?.length ? (
              <div className="grid gap-3 md:grid-cols-2">
                {s.values.map((v) => (
                  <Value key={v.label} v={v} view={view} />
                ))}
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </>
  );
}

/** One identity provider's guide, from its data in lib/security/idp-guides.ts: SSO, provisioning, pitfalls, and the live last step. */
export function SetupGuide({ view }: { view: SetupGuideView }) {
  const { guide, ssoConnected, scim, attributes } = view;
  const scimSteps = guide.scim.supported ? guide.scim.steps : [];
  const last = guide.sso.length + scimSteps.length + 1;
  return (
    <Card>
      <CardHeader title={`Set up ${guide.name}`} description={guide.summary} />
      <div className="divide-y divide-zinc-100">
        <section className="space-y-4 px-5 py-5" aria-labelledby="guide-sso">
          <div className="flex items-center gap-2">
            <h3 id="guide-sso" className="text-sm font-semibold text-zinc-900">
              Single sign-on (SAML)
            </h3>
            {ssoConnected ? <Badge tone="green">Connected</Badge> : <Badge>Not configured</Badge>}
          </div>
          <ol className="space-y-5">
            <Steps steps={guide.sso} start={1} view={view} />
          </ol>
        </section>

        <section className="space-y-4 px-5 py-5" aria-labelledby="guide-scim">
          <div className="flex items-center gap-2">
            <h3 id="guide-scim" className="text-sm font-semibold text-zinc-900">
              Provisioning (SCIM)
            </h3>
            {guide.scim.supported ? scim.enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge> : <Badge tone="amber">Not available</Badge>}
          </div>
          {guide.scim.supported ? (
            <>
              <ol className="space-y-5">
                <Steps steps={scimSteps} start={guide.sso.length + 1} view={view} />
              </ol>
              <div>
                <p className="text-xs font-medium text-zinc-500">Switch on</p>
                <ul className="mt-1 flex flex-wrap gap-2" aria-label="Provisioning features to switch on">
                  {guide.scim.features.map((f) => (
                    <li key={f} className="rounded-md border border-emerald-200 bg-emerald-50 px-2 py-1 text-xs font-medium text-emerald-800">
                      {f}
                    </li>
                  ))}
                </ul>
              </div>
              <details className="rounded-lg border border-zinc-200">
                <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-50">
                  Attributes Roster reads ({attributes.length})
                </summary>
                <div className="border-t border-zinc-100 px-4 py-3">
                  <p className="mb-2 text-xs text-zinc-500">
                    Map these in your IdP; anything else it sends is ignored and noted in the provisioning log. <code className="font-mono">userName</code> is
                    the unique identifier; people sign in with their primary (else work) email.
                  </p>
                  <table className="w-full text-left text-xs" aria-label="Attributes Roster reads">
                    <tbody className="divide-y divide-zinc-100">
                      {attributes.map((a) => (
                        <tr key={a.path}>
                          <td className="py-1.5 pr-4 align-top font-mono break-all text-zinc-800">
                            {a.path}
                            {a.required ? <span className="ml-1 font-sans text-rose-700">required</span> : null}
                          </td>
                          <td className="py-1.5 text-zinc-600">{a.description}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          ) : (
            <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="no-scim">
              {guide.scim.reason}
            </p>
          )}
        </section>

        {guide.pitfalls.length ? (
          <section className="space-y-2 px-5 py-5" aria-labelledby="guide-pitfalls">
            <h3 id="guide-pitfalls" className="text-sm font-semibold text-zinc-900">
              Known pitfalls
            </h3>
            <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-600">
              {guide.pitfalls.map((p) => (
                <li key={p}>
                  <RichText text={p} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className="px-5 py-5" aria-label="Check it works">
          <ol>
            <LivePanel number={last} step={guide.firstRequest} mode={guide.scim.supported ? "provisioning" : "sign-in"} openedAt={view.openedAt} />
          </ol>
        </section>
      </div>
    </Card>
  );
}
