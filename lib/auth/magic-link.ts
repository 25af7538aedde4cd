import type { Executor } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { magicLinkEmail, ssoReminderEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { consumeRateLimit } from "@/lib/rate-limit";
import { magicLinkDecision } from "./sign-in-rules";

export type MagicLinkOutcome = "sent" | "sso_reminder" | "refused" | "rate_limited";

/**
 * Someone asked for a sign-in link for `email`. The screen says the same
 * whatever happens here, so the form cannot probe for accounts; what differs
 * is only what the owner of the address receives. The limit is counted in
 * PostgreSQL per address, so every instance shares it.
 */
export async function requestMagicLink(db: Executor, email: string, url: string): Promise<MagicLinkOutcome> {
  // Per address and minute (SIGN_IN_EMAILS_PER_MINUTE, default 5): enough for a retry or two, too few to flood an inbox.
  const perMinute = env().SIGN_IN_EMAILS_PER_MINUTE;
  if (perMinute > 0 && !(await consumeRateLimit(db, `magic-link:${email.trim().toLowerCase()}`, perMinute)).allowed) return "rate_limited";
  const decision = await magicLinkDecision(db, email);
  if (decision.allowed) {
    await enqueueEmail(db, { kind: "magic_link", to: email, ...magicLinkEmail({ url, host: new URL(url).host }) });
    return "sent";
  }
  if (decision.reason === "sso_required") {
    // Only the owner of the address reads this, so saying "use SSO" reveals nothing to whoever typed it.
    const loginUrl = `${env().APP_URL}/login?email=${encodeURIComponent(email)}`;
    await enqueueEmail(db, { kind: "sso_reminder", to: email, ...ssoReminderEmail({ orgName: decision.orgName ?? "Your organisation", url: loginUrl }) });
    return "sso_reminder";
  }
  return "refused";
}
