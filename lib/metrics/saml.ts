import { Counter } from "prom-client";
import { metric } from "./registry";

/**
 * SAML sign-ins: accepted when the sign-in rules let the person in
 * (lib/auth/sso-sign-in.ts, called by the SP- and IdP-initiated flows),
 * refused with the reason the refusal page shows: a check of the response
 * (lib/sso/acs-handler.ts: bad_signature, expired, replayed…, `rejected`
 * when Jackson refused it, `malformed`) or a sign-in rule (deactivated,
 * not_member, invitation_expired…, other_session).
 */
const accepted = () =>
  metric(
    "saml_accepted",
    (registers) =>
      new Counter({ name: "roster_saml_sign_ins_accepted_total", help: "SAML sign-ins that started a session.", registers }),
  );

const refused = () =>
  metric(
    "saml_refused",
    (registers) =>
      new Counter({
        name: "roster_saml_sign_ins_refused_total",
        help: "SAML sign-ins refused, by reason (a check of the SAML response, or a sign-in rule).",
        labelNames: ["reason"] as const,
        registers,
      }),
  );

export function registerSamlMetrics(): void {
  accepted();
  refused();
}

export function countSamlAccepted(): void {
  accepted().inc();
}

/**
 * `reason` is one of the typed refusal codes (AcsRefusalCode, SsoRefusal and
 * the few others the flows use), so the label set is bounded; anything else
 * that reaches here by mistake is counted as "other".
 */
export function countSamlRefused(reason: string): void {
  refused()
    .labels(/^[a-z_]{1,40}$/.test(reason) ? reason : "other")
    .inc();
}
