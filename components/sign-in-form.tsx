"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** The server's answer to "how does this address sign in?" (the page passes in its server action). */
export type SignInChoice = { method: "sso"; tenant: string; product: string; orgName: string } | { method: "email" } | { method: "invalid" };

type State = { kind: "idle" } | { kind: "working"; label: string } | { kind: "error"; message: string };

/**
 * Work email first: members of an organisation with single sign-on continue
 * to their identity provider; everyone else gets an email link. The second
 * button always asks for an email link — the owners' and admins' way in when
 * their IdP is down (plain members of an SSO organisation get a reminder to
 * use SSO instead).
 */
export function SignInForm({
  chooseSignInMethod,
  defaultEmail,
  callbackUrl = "/",
}: {
  chooseSignInMethod: (email: string) => Promise<SignInChoice>;
  defaultEmail?: string;
  callbackUrl?: string;
}) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "idle" });

  async function emailLink(email: string) {
    setState({ kind: "working", label: "Sending link…" });
    const res = await signIn("email", { email, callbackUrl, redirect: false });
    if (res?.error) {
      setState({ kind: "error", message: "We could not send a sign-in link. Check the address and try again." });
      return;
    }
    router.push(`/login/check-email?email=${encodeURIComponent(email)}`);
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const email = String(new FormData(form).get("email") ?? "").trim();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "email") return emailLink(email);
    setState({ kind: "working", label: "Checking…" });
    const choice = await chooseSignInMethod(email);
    if (choice.method === "invalid") {
      setState({ kind: "error", message: "Enter a valid email address, like you@company.com." });
      return;
    }
    if (choice.method === "email") return emailLink(email);
    setState({ kind: "working", label: `Redirecting to ${choice.orgName}'s identity provider…` });
    await signIn("boxyhq-saml", { callbackUrl }, { tenant: choice.tenant, product: choice.product, login_hint: email });
  }

  const working = state.kind === "working";
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <label className="block">
        <span className="text-sm font-medium text-zinc-700">Work email</span>
        <input
          type="email"
          name="email"
          required
          autoComplete="email"
          autoFocus
          defaultValue={defaultEmail}
          placeholder="you@company.com"
          className="mt-1.5 w-full rounded-lg border border-zinc-300 px-3 py-2.5 text-sm placeholder:text-zinc-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
      </label>
      {state.kind === "error" ? (
        <p role="alert" className="text-sm text-rose-600">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        value="continue"
        disabled={working}
        className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {working ? state.label : "Continue"}
      </button>
      <div className="flex items-center gap-3 text-xs text-zinc-400">
        <span className="h-px flex-1 bg-zinc-200" />
        or
        <span className="h-px flex-1 bg-zinc-200" />
      </div>
      <button
        type="submit"
        value="email"
        disabled={working}
        className="w-full rounded-lg border border-zinc-300 bg-white px-4 py-2.5 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50 disabled:opacity-60"
      >
        Email me a sign-in link
      </button>
    </form>
  );
}
