"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** What the page's server action answers when it does not redirect: go to the IdP, or the reason it cannot. */
export type AcceptResult = { kind: "sso"; tenant: string; product: string; email: string } | { kind: "refused"; message: string };

export function AcceptInvitationButton({
  acceptInvitation,
  token,
  orgName,
  sso,
}: {
  acceptInvitation: (token: string) => Promise<AcceptResult>;
  token: string;
  orgName: string;
  sso: boolean;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    setPending(true);
    setError(null);
    const result = await acceptInvitation(token);
    if (result?.kind === "sso") {
      await signIn("boxyhq-saml", { callbackUrl: "/" }, { tenant: result.tenant, product: result.product, login_hint: result.email });
      return;
    }
    if (result?.kind === "refused") setError(result.message);
    setPending(false);
  }

  return (
    <div>
      <button
        type="button"
        onClick={accept}
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? (sso ? `Continuing to ${orgName}'s identity provider…` : "Joining…") : "Accept invitation"}
      </button>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-rose-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
