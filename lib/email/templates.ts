import { renderEmail, type RenderedEmail } from "./render";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export function invitationEmail(p: {
  orgName: string;
  inviterLabel: string;
  recipientName: string | null;
  url: string;
  expiresAt: Date;
}): RenderedEmail {
  return renderEmail({
    subject: `You're invited to join ${p.orgName} on Roster`,
    heading: `Join ${p.orgName} on Roster`,
    paragraphs: [
      `Hi${p.recipientName ? ` ${p.recipientName}` : ""},`,
      `${p.inviterLabel} invited you to ${p.orgName}'s scheduling workspace. Accept the invitation, then sign in with your company account to set up your booking page.`,
      `This invitation expires on ${dateFormat.format(p.expiresAt)} (UTC).`,
    ],
    action: { label: "Accept invitation", url: p.url },
    footer: "If you were not expecting this invitation, you can ignore this email.",
  });
}

export function magicLinkEmail(p: { url: string; host: string }): RenderedEmail {
  return renderEmail({
    subject: "Your Roster sign-in link",
    heading: "Sign in to Roster",
    paragraphs: [`Use the button below to sign in to ${p.host}. The link works once and expires in 24 hours.`],
    action: { label: "Sign in", url: p.url },
    footer: "If you did not ask to sign in, you can ignore this email; nobody can sign in without this link.",
  });
}

/** A plain member of an SSO organisation asked for an email link: point them to their IdP instead. */
export function ssoReminderEmail(p: { orgName: string; url: string }): RenderedEmail {
  return renderEmail({
    subject: `Sign in to Roster with ${p.orgName}'s single sign-on`,
    heading: "Use single sign-on",
    paragraphs: [
      `Someone asked for a Roster sign-in link for this address. ${p.orgName} signs in with single sign-on, so no link was sent.`,
      "Open Roster, enter your work email and continue to your identity provider.",
    ],
    action: { label: "Sign in with SSO", url: p.url },
    footer: "If you did not ask to sign in, you can ignore this email.",
  });
}
