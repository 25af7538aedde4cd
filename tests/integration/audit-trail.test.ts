import { and, desc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/actor";
import { listAuditLog } from "@/lib/audit/queries";
import { auditSentence } from "@/lib/audit/sentences";
import { setAuditRetention } from "@/lib/audit/retention";
import { admitMagicLinkSignIn } from "@/lib/auth/sign-in-rules";
import { admitSsoSignIn } from "@/lib/auth/sso-sign-in";
import { auditLog, memberships, sessions, type AuditEntry } from "@/lib/db/schema";
import { setOrgDefaultEventType } from "@/lib/events/defaults";
import { createManagedEventType, deleteManagedEventType, updateManagedEventType } from "@/lib/events/managed-events";
import { SeatLimitError } from "@/lib/errors";
import { addSeats, removeSeats } from "@/lib/orgs/billing";
import { bookSlot } from "@/lib/events/bookings";
import { cancelBooking } from "@/lib/events/host-bookings";
import { bookingBody } from "@/lib/events/schemas";
import { applyAttributeGroups, turnOffAttributeGroups } from "@/lib/orgs/attribute-groups";
import { allowHeld, ALLOW_HOURS, configureGuard, endAllow, keepBlocked } from "@/lib/orgs/deprovision-guard";
import { changeGroup, createGroup, deleteGroup } from "@/lib/orgs/groups";
import { admitWaiting, dismissWaiting, listWaiting, recordWaiting } from "@/lib/orgs/seat-waitlist";
import { resendInvitation, revokeInvitation } from "@/lib/orgs/invitation-actions";
import { removeMember, setMemberActive } from "@/lib/orgs/lifecycle";
import { updateMember } from "@/lib/orgs/member-profile";
import { inviteMember } from "@/lib/orgs/members";
import { getOrganisation, setScimEnabled } from "@/lib/orgs/organisations";
import { changeRole, transferOwnership } from "@/lib/orgs/roles";
import { createScimToken, revokeScimToken } from "@/lib/orgs/scim-tokens";
import { closeJackson } from "@/lib/sso/jackson";
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { removeSsoConnection, setIdpInitiated } from "@/lib/sso/connections";
import { actorFor, addMember, ownerOf } from "../helpers/admin-fixtures";
import { makeOrg, operator, uniq } from "../helpers/fixtures";
import { startTestJackson, TestIdp } from "../helpers/sso";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

/**
 * Issue 19's "one audit trail": every audited action, performed through its
 * domain function (the function every face calls), leaves exactly the entry an
 * auditor reads: the right action, actor (the IdP by its token's name), the
 * snapshot of who it was about, and the plain sentence. Steps run in order on
 * one organisation; each is checked against the entries it added.
 */
let t: TestDatabase;
let orgId: string;
let admin: Actor;
let adminEmail: string;
let ownerActor: Actor;
let ownerEmail: string;
const okta: Actor = { kind: "scim", tokenId: null, name: "Okta" };
const idp = new TestIdp();
/** Ids and addresses the steps hand to each other. */
const s: Record<string, string> = {};

interface Step {
  name: string;
  run: () => Promise<void>;
  /** The entry the step must add (the newest of its action). */
  action: string;
  actorKind: AuditEntry["actorKind"];
  actorLabel: () => string;
  subject?: () => { name: string | null; email: string };
  sentence: () => string | RegExp;
}

const priya = () => ({ name: "Priya Shah", email: s.priya! });

const steps: Step[] = [
  {
    name: "an admin invites someone",
    run: async () => {
      s.priya = `priya-${uniq()}@example.com`;
      s.priyaId = (await inviteMember(t.db, { orgId, email: s.priya, givenName: "Priya", familyName: "Shah", actor: admin })).membership.id;
    },
    action: "member.invited",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: priya,
    sentence: () => `${adminEmail} invited Priya Shah`,
  },
  {
    name: "an admin resends the invitation",
    run: () => resendInvitation(t.db, { orgId, membershipId: s.priyaId!, actor: admin }).then(() => {}),
    action: "invitation.resent",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: priya,
    sentence: () => `${adminEmail} resent Priya Shah's invitation`,
  },
  {
    name: "an admin edits the person",
    run: async () => {
      await updateMember(t.db, {
        orgId,
        membershipId: s.priyaId!,
        actor: admin,
        change: {
          profile: { userName: s.priya!, loginEmail: s.priya!, externalId: null, displayName: null, givenName: "Priya", familyName: "Shah-Ruiz", scimAttributes: {} },
        },
      });
    },
    action: "member.updated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    // The snapshot is the person as the change left them.
    subject: () => ({ name: "Priya Shah-Ruiz", email: s.priya! }),
    sentence: () => `${adminEmail} updated Priya Shah-Ruiz's profile`,
  },
  {
    name: "an admin revokes the invitation",
    run: () => revokeInvitation(t.db, { orgId, membershipId: s.priyaId!, actor: admin }).then(() => {}),
    action: "invitation.revoked",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: () => ({ name: "Priya Shah-Ruiz", email: s.priya! }),
    sentence: () => `${adminEmail} revoked Priya Shah-Ruiz's invitation`,
  },
  {
    name: "an admin changes a role",
    run: async () => {
      const m = await addMember(t.db, orgId, { given: "Rita", family: "Role" });
      Object.assign(s, { rita: m.email, ritaId: m.membershipId });
      await changeRole(t.db, { orgId, membershipId: m.membershipId, role: "admin", actor: admin });
    },
    action: "member.role_changed",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: () => ({ name: "Rita Role", email: s.rita! }),
    sentence: () => `${adminEmail} changed Rita Role's role from user to admin`,
  },
  {
    name: "an admin cancels a member's booking (the booker is emailed)",
    run: async () => {
      const m = await addMember(t.db, orgId, { given: "Hana", family: "Host" });
      const org = await getOrganisation(t.db, orgId);
      const [row] = await t.db.select({ slug: memberships.slug }).from(memberships).where(eq(memberships.id, m.membershipId));
      const input = bookingBody.parse({ org: org.slug, member: row!.slug, event: "30-minute-meeting", startsAt: "2030-01-07T10:00:00Z", name: "Vera Visitor", email: "vera@example.org" });
      const { booking } = await bookSlot(t.db, input, new Date("2030-01-07T06:00:00Z"));
      await cancelBooking(t.db, { orgId, bookingId: booking.id, actor: admin });
    },
    action: "booking.cancelled",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => /cancelled .+ with Hana Host, 2030-01-07T10:00:00\.000Z \(booked by vera@example\.org\)$/,
  },
  {
    name: "an admin turns on groups from the department",
    run: () => applyAttributeGroups(t.db, { orgId, attribute: "department", actor: admin }).then(() => {}),
    action: "attribute_groups.enabled",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => new RegExp(`^${adminEmail.replace(/[.]/g, "\\.")} turned on groups from the department \\(\\d+ (person|people) into \\d+ groups?\\)$`),
  },
  {
    name: "…and off again",
    run: () => turnOffAttributeGroups(t.db, { orgId, actor: admin }).then(() => {}),
    action: "attribute_groups.disabled",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} turned off groups from the department; its groups became ordinary groups`,
  },
  {
    name: "the owner changes the mass-deprovisioning guard",
    run: () => configureGuard(t.db, { orgId, actor: ownerActor, enabled: true, minCount: 8, percent: 20 }),
    action: "guard.configured",
    actorKind: "user",
    actorLabel: () => ownerEmail,
    sentence: () => `${ownerEmail} changed the mass-deprovisioning guard: on: 8 or 20% an hour`,
  },
  {
    name: "an admin adds a webhook endpoint",
    run: async () => {
      const { endpoint } = await createWebhookEndpoint(t.db, { org: { id: orgId }, actor: admin, url: "https://hooks.example.com/roster", events: ["member.invited"] });
      s.hookId = endpoint.id;
    },
    action: "webhook.created",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} added the webhook endpoint https://hooks.example.com/roster for member.invited`,
  },
  {
    name: "…changes its events and turns it off",
    run: () => updateWebhookEndpoint(t.db, { org: { id: orgId }, actor: admin, endpointId: s.hookId!, events: ["member.invited", "member.deactivated"], enabled: false }).then(() => {}),
    action: "webhook.updated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} changed the webhook endpoint https://hooks.example.com/roster: its events to member.invited, member.deactivated; turned it off`,
  },
  {
    name: "…rotates its secret",
    run: () => rotateWebhookSecret(t.db, { org: { id: orgId }, actor: admin, endpointId: s.hookId! }).then(() => {}),
    action: "webhook.secret_rotated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} rotated the signing secret of the webhook endpoint https://hooks.example.com/roster`,
  },
  {
    name: "…and deletes it",
    run: () => deleteWebhookEndpoint(t.db, { org: { id: orgId }, actor: ownerActor, endpointId: s.hookId! }),
    action: "webhook.deleted",
    actorKind: "user",
    actorLabel: () => ownerEmail,
    sentence: () => `${ownerEmail} deleted the webhook endpoint https://hooks.example.com/roster`,
  },
  {
    name: "an admin allows what the guard holds",
    run: () => allowHeld(t.db, { orgId, actor: admin }).then(() => {}),
    action: "guard.allowed",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} allowed the held deactivations and deletions for ${ALLOW_HOURS} hours`,
  },
  {
    name: "…and turns the guard back on before the Allow runs out",
    run: () => endAllow(t.db, { orgId, actor: admin }),
    action: "guard.allow_ended",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} turned the mass-deprovisioning guard back on before the Allow ran out`,
  },
  {
    name: "an admin keeps them blocked",
    run: () => keepBlocked(t.db, { orgId, actor: admin }).then(() => {}),
    action: "guard.kept_blocked",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} kept the held deactivations and deletions blocked (0 held)`,
  },
  {
    name: "an admin deactivates someone",
    run: async () => {
      const m = await addMember(t.db, orgId, { given: "Sam", family: "Session" });
      Object.assign(s, { sam: m.email, samId: m.membershipId });
      await t.db.insert(sessions).values({ tokenHash: `h-${uniq()}`, userId: m.userId, expiresAt: new Date(Date.now() + 3_600_000) });
      await setMemberActive(t.db, { orgId, membershipId: m.membershipId, active: false, actor: admin });
    },
    action: "member.deactivated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: () => ({ name: "Sam Session", email: s.sam! }),
    sentence: () => `${adminEmail} deactivated Sam Session`,
  },
  {
    name: "…and the deactivation ended their session (same statement)",
    run: async () => {},
    action: "member.sessions_ended",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: () => ({ name: "Sam Session", email: s.sam! }),
    sentence: () => "Sam Session was signed out (1 session ended by the deactivation)",
  },
  {
    name: "an admin reactivates them",
    run: () => setMemberActive(t.db, { orgId, membershipId: s.samId!, active: true, actor: admin }).then(() => {}),
    action: "member.reactivated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: () => ({ name: "Sam Session", email: s.sam! }),
    sentence: () => `${adminEmail} reactivated Sam Session`,
  },
  {
    name: "an admin deletes them",
    run: () => removeMember(t.db, { orgId, membershipId: s.samId!, actor: admin }).then(() => {}),
    action: "member.removed",
    actorKind: "user",
    actorLabel: () => adminEmail,
    subject: () => ({ name: "Sam Session", email: s.sam! }),
    sentence: () => `${adminEmail} deleted Sam Session`,
  },
  {
    name: "an admin buys seats",
    run: () => addSeats(t.db, { orgId, quantity: 5, actor: admin }).then(() => {}),
    action: "seats.added",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => new RegExp(`^${adminEmail.replace(/[.]/g, "\\.")} added 5 seats \\(\\d+ → \\d+\\), charged \\$[\\d,]+\\.\\d\\d$`),
  },
  {
    name: "an admin removes seats",
    run: () => removeSeats(t.db, { orgId, quantity: 2, actor: admin }).then(() => {}),
    action: "seats.removed",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => new RegExp(`removed 2 seats \\(\\d+ → \\d+\\)$`),
  },
  {
    name: "an admin creates a group",
    run: async () => {
      s.groupId = (await createGroup(t.db, { orgId, displayName: "Finance", actor: admin })).id;
    },
    action: "group.created",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} created the group Finance`,
  },
  {
    name: "an admin renames it",
    run: () => changeGroup(t.db, { orgId, groupId: s.groupId!, actor: admin }, (c) => c.rename("Finance and Legal")).then(() => {}),
    action: "group.updated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} changed the group Finance and Legal`,
  },
  {
    name: "an admin deletes it",
    run: () => deleteGroup(t.db, { orgId, groupId: s.groupId!, actor: admin }),
    action: "group.deleted",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} deleted the group Finance and Legal`,
  },
  {
    name: "the operator connects SSO",
    run: () => idp.connect(t.db, orgId).then(() => {}),
    action: "sso.configured",
    actorKind: "operator",
    actorLabel: () => "Operator CLI",
    sentence: () => `Operator CLI set up single sign-on with ${idp.entityId}`,
  },
  {
    name: "an admin allows IdP-initiated sign-in",
    run: () => setIdpInitiated(t.db, { orgId, allowed: true, actor: admin }),
    action: "sso.idp_initiated_on",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} allowed sign-in started at the identity provider`,
  },
  {
    name: "an admin issues a SCIM token named Okta",
    run: async () => {
      s.tokenId = (await createScimToken(t.db, { orgId, actor: admin, label: "Okta" })).id;
    },
    action: "scim.token_created",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => new RegExp(`created the SCIM token "Okta" \\(scim_\\S+…\\)$`),
  },
  {
    name: "the operator turns SCIM on",
    run: () => setScimEnabled(t.db, orgId, true, operator),
    action: "scim.enabled",
    actorKind: "operator",
    actorLabel: () => "Operator CLI",
    sentence: () => "Operator CLI turned SCIM provisioning on",
  },
  {
    name: "the IdP provisions someone (one statement, audit entry in it)",
    run: async () => {
      const org = await getOrganisation(t.db, orgId);
      s.ana = `ana-${uniq()}@example.com`;
      s.anaId = (await inviteMember(t.db, { orgId, org, email: s.ana, givenName: "Ana", familyName: "Ruiz", actor: okta })).membership.id;
    },
    action: "member.invited",
    actorKind: "scim",
    actorLabel: () => "Okta",
    subject: () => ({ name: "Ana Ruiz", email: s.ana! }),
    sentence: () => "Okta provisioned Ana Ruiz",
  },
  {
    name: "the IdP provisions someone disabled at the source",
    run: async () => {
      const org = await getOrganisation(t.db, orgId);
      s.dora = `dora-${uniq()}@example.com`;
      await inviteMember(t.db, { orgId, org, email: s.dora, givenName: "Dora", familyName: "Off", active: false, actor: okta });
    },
    action: "member.created_deactivated",
    actorKind: "scim",
    actorLabel: () => "Okta",
    subject: () => ({ name: "Dora Off", email: s.dora! }),
    sentence: () => "Okta provisioned Dora Off, deactivated",
  },
  {
    name: "the invited person signs in with SSO (and joins)",
    run: async () => {
      expect(await admitSsoSignIn(t.db, { orgId, email: s.ana! })).toMatchObject({ allowed: true, joined: true });
    },
    action: "signin.sso",
    actorKind: "user",
    actorLabel: () => s.ana!,
    subject: () => ({ name: "Ana Ruiz", email: s.ana! }),
    sentence: () => "Ana Ruiz signed in with SSO",
  },
  {
    name: "…having accepted their invitation",
    run: async () => {},
    action: "invitation.accepted",
    actorKind: "user",
    actorLabel: () => s.ana!,
    subject: () => ({ name: "Ana Ruiz", email: s.ana! }),
    sentence: () => "Ana Ruiz accepted their invitation",
  },
  {
    name: "the IdP renames them (optimistic path: the entry rides in the write)",
    run: async () => {
      const org = await getOrganisation(t.db, orgId);
      await updateMember(t.db, {
        orgId,
        org,
        membershipId: s.anaId!,
        actor: okta,
        change: (cur) => ({
          profile: {
            userName: cur.membership.userName,
            loginEmail: cur.user.email,
            externalId: null,
            displayName: "Ana María Ruiz",
            givenName: "Ana",
            familyName: "Ruiz",
            scimAttributes: {},
          },
        }),
      });
    },
    action: "member.updated",
    actorKind: "scim",
    actorLabel: () => "Okta",
    subject: () => ({ name: "Ana María Ruiz", email: s.ana! }),
    sentence: () => "Okta updated Ana María Ruiz's profile",
  },
  {
    name: "the IdP deactivates them",
    run: async () => {
      const org = await getOrganisation(t.db, orgId);
      await updateMember(t.db, { orgId, org, membershipId: s.anaId!, actor: okta, change: { active: false } });
    },
    action: "member.deactivated",
    actorKind: "scim",
    actorLabel: () => "Okta",
    subject: () => ({ name: "Ana María Ruiz", email: s.ana! }),
    sentence: () => "Okta deactivated Ana María Ruiz",
  },
  {
    name: "a deactivated person is refused at SSO sign-in, with the reason",
    run: async () => {
      expect(await admitSsoSignIn(t.db, { orgId, email: s.ana! })).toMatchObject({ allowed: false, reason: "deactivated" });
    },
    action: "signin.refused",
    actorKind: "user",
    actorLabel: () => s.ana!,
    subject: () => ({ name: "Ana María Ruiz", email: s.ana! }),
    sentence: () => "Ana María Ruiz was refused sign-in with SSO: the account is deactivated",
  },
  {
    name: "the IdP deletes them: the entry keeps who they were",
    run: async () => {
      const org = await getOrganisation(t.db, orgId);
      expect(await removeMember(t.db, { orgId, org, membershipId: s.anaId!, actor: okta })).toEqual({ email: s.ana, name: "Ana María Ruiz", userName: s.ana });
    },
    action: "member.removed",
    actorKind: "scim",
    actorLabel: () => "Okta",
    subject: () => ({ name: "Ana María Ruiz", email: s.ana! }),
    sentence: () => "Okta deleted Ana María Ruiz",
  },
  {
    name: "the IdP creates an empty group (one statement)",
    run: async () => {
      const org = await getOrganisation(t.db, orgId);
      const g = await createGroup(t.db, { orgId, org, displayName: "Engineering", actor: okta });
      expect(g).toMatchObject({ displayName: "Engineering", managedByIdp: true, version: 1 });
      expect(g.createdAt).toBeInstanceOf(Date);
    },
    action: "group.created",
    actorKind: "scim",
    actorLabel: () => "Okta",
    sentence: () => "Okta created the group Engineering",
  },
  {
    name: "the IdP takes over a group made in Roster: the adoption is recorded",
    run: async () => {
      const g = await createGroup(t.db, { orgId, displayName: "Design", actor: admin });
      const org = await getOrganisation(t.db, orgId);
      await changeGroup(t.db, { orgId, org, groupId: g.id, actor: okta }, (c) => c.rename("Design team"));
    },
    action: "group.adopted_by_idp",
    actorKind: "scim",
    actorLabel: () => "Okta",
    sentence: () => "Okta took over the group Design team, made in Roster: it is managed by the identity provider from now on",
  },
  {
    name: "an admin adds the people waiting for a seat",
    run: async () => {
      s.wait = `wait-${uniq()}@example.com`;
      await recordWaiting(t.db, { orgId, kind: "create", userName: s.wait!, externalId: null, payload: {}, profile: { userName: s.wait!, loginEmail: s.wait!, externalId: null, displayName: null, givenName: "Wai", familyName: "Waiting", scimAttributes: {} } });
      expect((await admitWaiting(t.db, { orgId, actor: admin })).added).toHaveLength(1);
    },
    action: "waitlist.admitted",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} added the people waiting for a seat: ${s.wait}`,
  },
  {
    name: "an admin dismisses someone waiting",
    run: async () => {
      s.gone = `gone-${uniq()}@example.com`;
      await recordWaiting(t.db, { orgId, kind: "create", userName: s.gone!, externalId: null, payload: {}, profile: { userName: s.gone!, loginEmail: s.gone!, externalId: null, displayName: null, givenName: "Gon", familyName: "Waiting", scimAttributes: {} } });
      const [entry] = await listWaiting(t.db, orgId);
      await dismissWaiting(t.db, { orgId, id: entry!.id, actor: admin });
    },
    action: "waitlist.dismissed",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} dismissed ${s.gone} from the seat waiting list`,
  },
  {
    name: "the owner uses the email link while SSO is on: break-glass",
    run: async () => {
      expect(await admitMagicLinkSignIn(t.db, ownerEmail)).toMatchObject({ allowed: true });
    },
    action: "signin.break_glass",
    actorKind: "user",
    actorLabel: () => ownerEmail,
    subject: () => ({ name: "Olive Owner", email: ownerEmail }),
    sentence: () => "Olive Owner used the break-glass email link (SSO bypassed)",
  },
  {
    name: "a plain member's email link is refused while SSO is on",
    run: async () => {
      const m = await addMember(t.db, orgId, { given: "Uma", family: "User", email: `uma-${uniq()}@example.com` });
      s.uma = m.email;
      expect(await admitMagicLinkSignIn(t.db, m.email)).toMatchObject({ allowed: false, reason: "sso_required" });
    },
    action: "signin.refused",
    actorKind: "user",
    actorLabel: () => s.uma!,
    subject: () => ({ name: "Uma User", email: s.uma! }),
    sentence: () => "Uma User was refused sign-in with an email link: the organisation signs in with SSO",
  },
  {
    name: "an admin revokes the SCIM token",
    run: () => revokeScimToken(t.db, { orgId, tokenId: s.tokenId!, actor: admin }),
    action: "scim.token_revoked",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => /revoked the SCIM token scim_\S+…$/,
  },
  {
    name: "the operator turns SCIM off",
    run: () => setScimEnabled(t.db, orgId, false, operator),
    action: "scim.disabled",
    actorKind: "operator",
    actorLabel: () => "Operator CLI",
    sentence: () => "Operator CLI turned SCIM provisioning off",
  },
  {
    name: "an admin removes SSO",
    run: () => removeSsoConnection(t.db, { orgId, actor: admin }),
    action: "sso.removed",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} removed single sign-on`,
  },
  {
    name: "a member signs in with an email link",
    run: async () => {
      expect(await admitMagicLinkSignIn(t.db, s.uma!)).toMatchObject({ allowed: true });
    },
    action: "signin.email_link",
    actorKind: "user",
    actorLabel: () => s.uma!,
    subject: () => ({ name: "Uma User", email: s.uma! }),
    sentence: () => "Uma User signed in with an email link",
  },
  {
    name: "an admin sets the default event type",
    run: () => setOrgDefaultEventType(t.db, { orgId, title: "Chat", durationMinutes: 15, actor: admin }),
    action: "default_event.updated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} set the default event type to Chat (15 min)`,
  },
  {
    name: "an admin creates a managed event type",
    run: async () => {
      s.managedId = (
        await createManagedEventType(t.db, {
          orgId,
          input: { title: "Intro call", durationMinutes: 30, description: null, location: null, assignment: { kind: "all" } },
          actor: admin,
        })
      ).id;
    },
    action: "managed_event.created",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} created the managed event type Intro call`,
  },
  {
    name: "an admin changes it",
    run: () => updateManagedEventType(t.db, { orgId, id: s.managedId!, patch: { title: "Welcome call" }, actor: admin }).then(() => {}),
    action: "managed_event.updated",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} changed the managed event type Welcome call`,
  },
  {
    name: "an admin deletes it",
    run: () => deleteManagedEventType(t.db, { orgId, id: s.managedId!, actor: admin }),
    action: "managed_event.deleted",
    actorKind: "user",
    actorLabel: () => adminEmail,
    sentence: () => `${adminEmail} deleted the managed event type Welcome call`,
  },
  {
    name: "the owner sets the retention",
    run: () => setAuditRetention(t.db, { orgId, days: 730, actor: ownerActor }).then(() => {}),
    action: "audit.retention_changed",
    actorKind: "user",
    actorLabel: () => ownerEmail,
    sentence: () => `${ownerEmail} set the audit retention to 730 days`,
  },
  {
    name: "the owner transfers ownership",
    run: () => transferOwnership(t.db, { orgId, toMembershipId: s.ritaId!, actor: ownerActor }),
    action: "ownership.transferred",
    actorKind: "user",
    actorLabel: () => ownerEmail,
    subject: () => ({ name: "Rita Role", email: s.rita! }),
    sentence: () => `${ownerEmail} transferred ownership to Rita Role`,
  },
];

let mark = 0;
async function entriesSince(id: number): Promise<AuditEntry[]> {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), gt(auditLog.id, id)))
    .orderBy(desc(auditLog.id));
}

describe(`the audit trail records every change and sign-in (${testDriver()})`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    await startTestJackson(t);
    const org = await makeOrg(t.db, { seats: 50 });
    orgId = org.id;
    const owner = await ownerOf(t.db, orgId);
    ownerActor = owner.actor;
    ownerEmail = (owner.actor as { email: string }).email;
    const a = await addMember(t.db, orgId, { role: "admin", given: "Ada", family: "Admin" });
    admin = await actorFor(t.db, a.membershipId);
    adminEmail = a.email;
    const [last] = await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    mark = last?.id ?? 0;
  });
  afterAll(async () => {
    await closeJackson();
    await t?.drop();
  });

  it.each(steps.map((step) => [step.name, step] as const))("%s", async (_name, step) => {
    const before = mark;
    await step.run();
    const added = await entriesSince(before);
    // Steps that check an entry of the previous step's change (run is a no-op) look at what that step added.
    const pool = added.length ? added : await entriesSince(before - 10);
    const entry = pool.find((e) => e.action === step.action);
    expect(entry, `no ${step.action} entry`).toBeDefined();
    expect(entry!.actorKind).toBe(step.actorKind);
    expect(entry!.actorLabel).toBe(step.actorLabel());
    if (step.subject) {
      expect({ name: entry!.subjectName, email: entry!.subjectEmail }).toEqual(step.subject());
    }
    const expected = step.sentence();
    if (typeof expected === "string") expect(auditSentence(entry!)).toBe(expected);
    else expect(auditSentence(entry!)).toMatch(expected);
    if (added.length) mark = added[0]!.id;
  });

  it("finds deleted people by part of their name, and filters by actor, kind, person and time", async () => {
    const byName = await listAuditLog(t.db, { orgId, search: "maría ru" });
    expect(byName.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["member.removed", "member.deactivated", "member.updated", "signin.refused"]),
    );
    expect(byName.rows.every((r) => r.subjectEmail === s.ana)).toBe(true);

    const byIdp = await listAuditLog(t.db, { orgId, actorKind: "scim" });
    expect(new Set(byIdp.rows.map((r) => r.actorLabel))).toEqual(new Set(["Okta"]));
    const signIns = await listAuditLog(t.db, { orgId, category: "signin" });
    expect(new Set(signIns.rows.map((r) => r.action))).toEqual(new Set(["signin.sso", "signin.refused", "signin.break_glass", "signin.email_link"]));
    const aboutSam = await listAuditLog(t.db, { orgId, target: s.sam!.toUpperCase() });
    expect(aboutSam.rows.map((r) => r.action)).toEqual(["member.removed", "member.reactivated", "member.sessions_ended", "member.deactivated", "member.invited"]);
    expect(await listAuditLog(t.db, { orgId, since: new Date(Date.now() + 60_000) })).toEqual({ rows: [], nextBefore: null });
    // Keyset paging in the database: two pages of two, no overlap.
    const first = await listAuditLog(t.db, { orgId, limit: 2 });
    const second = await listAuditLog(t.db, { orgId, limit: 2, before: first.nextBefore! });
    expect(second.rows[0]!.id).toBeLessThan(first.rows[1]!.id);
  });

  it("an entry commits with its change or not at all: a refused SCIM reactivation (no seat) leaves none", async () => {
    const org = await makeOrg(t.db, { seats: 2 });
    const full = await getOrganisation(t.db, org.id);
    const a = await inviteMember(t.db, { orgId: org.id, org: full, email: `a-${uniq()}@example.com`, actor: okta });
    await updateMember(t.db, { orgId: org.id, org: full, membershipId: a.membership.id, actor: okta, change: { active: false } });
    await inviteMember(t.db, { orgId: org.id, org: full, email: `b-${uniq()}@example.com`, actor: okta });
    const before = await t.db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    const error = await updateMember(t.db, { orgId: org.id, org: full, membershipId: a.membership.id, actor: okta, change: { active: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeatLimitError);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).toEqual(before);
  });
});
