import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { getViewer } from "@/lib/auth/viewer";
import { refusalMessage, type SignInRefusal } from "@/lib/auth/sign-in-rules";
import { devSurfacesEnabled } from "@/lib/dev/guard";
import { chooseSignInMethod } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const REFUSALS: readonly SignInRefusal[] = ["unknown", "deactivated", "invited", "sso_required"];
const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "You cannot sign in with this account. Contact your administrator.",
  OAuthCallback: "Single sign-on did not complete. Start again below; if it keeps failing, contact your administrator.",
  OAuthSignin: "Single sign-on could not start. Try again in a moment.",
  Callback: "Single sign-on did not complete. Start again below.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getViewer()) redirect("/");
  const params = await searchParams;
  const refused = REFUSALS.find((r) => r === params.refused);
  const message = refused ? refusalMessage({ reason: refused }) : params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  const email = params.email?.slice(0, 320);
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Sign in to Roster</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-500">
        Enter your work email. If your organisation uses single sign-on, we take you to your identity provider; otherwise we email
        you a sign-in link.
      </p>
      {message ? (
        <div role="alert" className="mb-5 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-700">
          {message}
        </div>
      ) : null}
      <SignInForm chooseSignInMethod={chooseSignInMethod} defaultEmail={email} />
      {devSurfacesEnabled() ? (
        <div className="mt-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800">
          <p className="font-medium">Trying Roster?</p>
          <p className="mt-1">
            Acme members sign in through the{" "}
            <Link href="/dev/idp" className="font-semibold underline">
              demo identity provider
            </Link>
            : enter <strong>daniel@acme.example</strong> and press Continue. Emails go to the{" "}
            <Link href="/dev/mailbox" className="font-semibold underline">
              dev mailbox
            </Link>
            .
          </p>
        </div>
      ) : null}
    </>
  );
}
