import type { Metadata } from "next";
import Link from "next/link";
import { LockIcon } from "@/components/icons";
import { REFUSAL_REASONS, refusalText, type RefusalReason } from "@/lib/sso/refusals";
import { getDb } from "@/lib/db";
import { getOrganisation } from "@/lib/orgs/organisations";
import { isUuid } from "@/lib/validation";

export const metadata: Metadata = { title: "Sign-in refused" };
export const dynamic = "force-dynamic";

/** Where a refused sign-in lands: what happened, in the organisation's name, and what to do next. No session was started. */
export default async function RefusedPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const reason = REFUSAL_REASONS.find((r) => r === params.reason) ?? ("saml" satisfies RefusalReason);
  const orgName = params.org && isUuid(params.org) ? await getOrganisation(await getDb(), params.org).then((o) => o.name, () => null) : null;
  const text = refusalText(reason, orgName, params.code?.replace(/[^a-z_]/g, "").slice(0, 40));
  return (
    <div className="text-center">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-rose-50 text-rose-600">
        <LockIcon className="size-6" />
      </div>
      <h1 className="mt-4 text-xl font-semibold text-zinc-900">{text.title}</h1>
      <p role="alert" className="mt-2 text-sm text-zinc-600">
        {text.message}
      </p>
      {reason === "other_session" ? null : <p className="mt-4 text-xs text-zinc-400">You are not signed in to Roster.</p>}
      <Link
        href="/login"
        className="mt-6 inline-block rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700"
      >
        Back to sign in
      </Link>
    </div>
  );
}
