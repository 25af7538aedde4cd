import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MagicLinkForm } from "@/components/magic-link-form";
import { getViewer } from "@/lib/auth/viewer";
import { refusalMessage, type SignInRefusal } from "@/lib/auth/sign-in-rules";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const REFUSALS: readonly SignInRefusal[] = ["unknown", "deactivated", "invited"];
const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "You cannot sign in with this account. Contact your administrator.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getViewer()) redirect("/");
  const params = await searchParams;
  const refused = REFUSALS.find((r) => r === params.refused);
  const message = refused ? refusalMessage({ reason: refused }) : params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Sign in to Roster</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-500">Enter your work email and we will send you a sign-in link.</p>
      {message ? (
        <div role="alert" className="mb-5 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-700">
          {message}
        </div>
      ) : null}
      <MagicLinkForm />
    </>
  );
}
