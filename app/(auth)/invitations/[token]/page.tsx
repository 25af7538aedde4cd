import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationButton } from "@/components/accept-invitation-button";
import { MailIcon } from "@/components/icons";
import { SignOutButton } from "@/components/sign-out-button";
import { getViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { invitationTokenHash, lookupInvitation, type InvitationLookup } from "@/lib/orgs/invitations";
import { acceptInvitation } from "./actions";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

const dateFmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

function Notice({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="text-center">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-zinc-100 text-zinc-500">
        <MailIcon className="size-6" />
      </div>
      <h1 className="mt-4 text-xl font-semibold text-zinc-900">{title}</h1>
      <div role="status" className="mt-2 text-sm text-zinc-600">
        {children}
      </div>
      {action ? <div className="mt-6 flex justify-center">{action}</div> : null}
    </div>
  );
}

const signInLink = (email?: string) => (
  <Link
    href={email ? `/login?email=${encodeURIComponent(email)}` : "/login"}
    className="inline-block rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700"
  >
    Sign in to Roster
  </Link>
);

/**
 * /invitations/<token>: the link in the invitation email. Each state of the
 * invitation has its own page; only a valid one offers Accept.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookupInvitation(await getDb(), invitationTokenHash(token));
  const viewer = await getViewer();
  const org = found.org?.name ?? "the organisation";
  const email = found.user?.email;

  if (viewer && found.user && viewer.user.id !== found.user.id && found.status === "valid") {
    return (
      <Notice
        title="This invitation is for someone else"
        action={
          <span className="rounded-lg border border-zinc-300 px-2 py-0.5">
            <SignOutButton callbackUrl={`/invitations/${token}`} />
          </span>
        }
      >
        You are signed in as <strong>{viewer.user.email}</strong>, but this invitation to {org} was sent to <strong>{email}</strong>.
        Sign out, then open the link from the email again.
      </Notice>
    );
  }
  switch (found.status) {
    case "not_found":
      return (
        <Notice title="This invitation link is not valid">
          Check that you opened the whole link from the invitation email. If it still does not work, ask your administrator to send a
          new invitation.
        </Notice>
      );
    case "accepted":
      return (
        <Notice title="This invitation was already used" action={signInLink(email)}>
          You have already joined {org}. Sign in to Roster to continue.
        </Notice>
      );
    case "revoked":
      return (
        <Notice title="This invitation was replaced">
          A newer invitation to {org} was sent, or your administrator withdrew this one. Use the link in the most recent invitation
          email.
        </Notice>
      );
    case "expired":
      return (
        <Notice title="This invitation has expired">
          Your invitation to {org} expired on {dateFmt.format(found.invitation!.expiresAt)}. Ask your administrator to send a new one.
        </Notice>
      );
    case "deactivated":
      return <Notice title="Account deactivated">Your account in {org} is deactivated. Contact your administrator.</Notice>;
    case "valid":
      return <ValidInvitation token={token} found={found} />;
  }
}

function ValidInvitation({ token, found }: { token: string; found: InvitationLookup }) {
  const org = found.org!;
  const sso = Boolean(org.ssoConfiguredAt);
  const inviter = found.inviter ? (found.inviter.name ?? found.inviter.email) : `${org.name}’s identity provider`;
  const name = [found.user!.givenName, found.user!.familyName].filter(Boolean).join(" ");
  return (
    <div>
      <p className="text-sm font-medium text-brand-600">Invitation</p>
      <h1 className="mt-1 text-xl font-semibold text-zinc-900">Join {org.name} on Roster</h1>
      <p className="mt-2 text-sm text-zinc-600">
        {inviter} invited {name ? `${name} (${found.user!.email})` : found.user!.email} to {org.name}&rsquo;s scheduling workspace.
      </p>
      <dl className="mt-5 divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm">
        <div className="flex justify-between gap-4 px-4 py-2.5">
          <dt className="text-zinc-500">Organisation</dt>
          <dd className="font-medium text-zinc-900">{org.name}</dd>
        </div>
        <div className="flex justify-between gap-4 px-4 py-2.5">
          <dt className="text-zinc-500">Your email</dt>
          <dd className="font-medium text-zinc-900">{found.user!.email}</dd>
        </div>
        <div className="flex justify-between gap-4 px-4 py-2.5">
          <dt className="text-zinc-500">Expires</dt>
          <dd className="text-zinc-900">{dateFmt.format(found.invitation!.expiresAt)}</dd>
        </div>
      </dl>
      <p className="mt-5 mb-3 text-sm text-zinc-500">
        {sso
          ? `Accepting takes you to ${org.name}’s identity provider. Sign in there with your work account.`
          : "Accepting signs you in to Roster right away."}
      </p>
      <AcceptInvitationButton acceptInvitation={acceptInvitation} token={token} orgName={org.name} sso={sso} />
    </div>
  );
}
