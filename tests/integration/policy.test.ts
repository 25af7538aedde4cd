import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/actor";
import { setAuditRetention } from "@/lib/audit/retention";
import type { Executor } from "@/lib/db";
import { memberships } from "@/lib/db/schema";
import { bookSlot } from "@/lib/events/bookings";
import { cancelBooking } from "@/lib/events/host-bookings";
import { bookingBody } from "@/lib/events/schemas";
import { ForbiddenError, OwnerProtectedError, ScimManagedError } from "@/lib/errors";
import { setOrgDefaultEventType } from "@/lib/events/defaults";
import { createManagedEventType, deleteManagedEventType, updateManagedEventType } from "@/lib/events/managed-events";
import { addSeats, removeSeats } from "@/lib/orgs/billing";
import { applyAttributeGroups, turnOffAttributeGroups } from "@/lib/orgs/attribute-groups";
import { createGroup, changeGroup, deleteGroup } from "@/lib/orgs/groups";
import { resendInvitation, revokeInvitation } from "@/lib/orgs/invitation-actions";
import { markMemberJoined, removeMember, setMemberActive } from "@/lib/orgs/lifecycle";
import { updateMember, type MemberProfile } from "@/lib/orgs/member-profile";
import { inviteMember } from "@/lib/orgs/members";
import { addOwner, createOrganisation, setScimEnabled } from "@/lib/orgs/organisations";
import { changeRole, transferOwnership } from "@/lib/orgs/roles";
import { allowHeld, configureGuard, keepBlocked } from "@/lib/orgs/deprovision-guard";
import { admitWaiting, dismissWaiting } from "@/lib/orgs/seat-waitlist";
import { disableScim, enableScim, issueScimToken } from "@/lib/orgs/scim-settings";
import { createScimToken, revokeScimToken } from "@/lib/orgs/scim-tokens";
import { removeSsoConnection, setIdpInitiated, setSsoConnection } from "@/lib/sso/connections";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
} from "@/lib/webhooks/endpoints";
import { actorFor, addMember, ownerOf } from "../helpers/admin-fixtures";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

/**
 * Issue 15's acceptance: every mutating domain function, called directly (no
 * route wrapper in front), refuses the actors the policy (lib/policy.ts)
 * refuses, with the right domain error, and writes nothing: a digest of every
 * row of every table is the same before and after each refusal.
 */

let t: TestDatabase;

/** The organisation acted on (A, SCIM on), and the people and things in it. */
interface World {
  orgId: string;
  ownerId: string;
  /** Provisioned by the IdP, active. */
  idpPersonId: string;
  /** Provisioned by the IdP, deactivated by it. */
  idpDeactivatedId: string;
  /** Invited in Roster, not joined: an open invitation. */
  invitedId: string;
  rosterGroupId: string;
  idpGroupId: string;
  /** Kept by Roster from the department attribute (issue 17). */
  attributeGroupId: string;
  managedEventId: string;
  tokenId: string;
  webhookEndpointId: string;
  webhookDeliveryId: number;
  /** A meeting booked with the IdP-provisioned person, and one with the plain member. */
  idpPersonBookingId: string;
  memberBookingId: string;
  actors: { member: Actor; admin: Actor; otherAdmin: Actor; scim: Actor };
}
let w: World;

type Scenario = "member" | "adminOnProvisioned" | "scimOnOwner" | "otherAdmin";
type ErrorClass = typeof ForbiddenError | typeof ScimManagedError | typeof OwnerProtectedError;
/** A refusal with this error, "allowed" (run in a transaction rolled back, to show the row does not refuse everything), or why the scenario does not apply. */
type Expected = ErrorClass | "allowed" | { na: string };

interface Row {
  fn: string;
  /** The person or group the call is about in each scenario is picked by `run` from the world. */
  run: (db: Executor, actor: Actor, s: Scenario) => Promise<unknown>;
  expect: Record<Scenario, Expected>;
}

const F = ForbiddenError;
const notAboutPeople = { na: "not about a person or group: the admin may do it" };

/** The person a member action is about: the IdP-provisioned one for the admin, the owner for SCIM, anyone else otherwise. */
function personFor(s: Scenario, opts: { deactivated?: boolean } = {}): string {
  if (s === "scimOnOwner") return w.ownerId;
  return opts.deactivated ? w.idpDeactivatedId : w.idpPersonId;
}
const groupFor = (_s: Scenario) => w.idpGroupId;

function profile(email: string): MemberProfile {
  return { userName: email, loginEmail: email, externalId: null, displayName: null, givenName: "Renamed", familyName: null, scimAttributes: {} };
}

const rows: Row[] = [
  {
    fn: "inviteMember",
    run: (db, actor) => inviteMember(db, { orgId: w.orgId, email: `new-${uniq()}@example.com`, actor }),
    expect: { member: F, adminOnProvisioned: ScimManagedError, scimOnOwner: { na: "inviting is not about the owner" }, otherAdmin: F },
  },
  {
    fn: "updateMember (profile)",
    run: (db, actor, s) =>
      updateMember(db, { orgId: w.orgId, membershipId: personFor(s), actor, change: { profile: profile(`renamed-${uniq()}@example.com`) } }),
    expect: { member: F, adminOnProvisioned: ScimManagedError, scimOnOwner: "allowed", otherAdmin: F },
  },
  {
    fn: "setMemberActive (deactivate)",
    run: (db, actor, s) => setMemberActive(db, { orgId: w.orgId, membershipId: personFor(s), active: false, actor }),
    expect: { member: F, adminOnProvisioned: ScimManagedError, scimOnOwner: OwnerProtectedError, otherAdmin: F },
  },
  {
    fn: "setMemberActive (reactivate)",
    run: (db, actor, s) => setMemberActive(db, { orgId: w.orgId, membershipId: personFor(s, { deactivated: true }), active: true, actor }),
    expect: { member: F, adminOnProvisioned: ScimManagedError, scimOnOwner: "allowed", otherAdmin: F },
  },
  {
    fn: "removeMember",
    run: (db, actor, s) => removeMember(db, { orgId: w.orgId, membershipId: personFor(s), actor }),
    expect: { member: F, adminOnProvisioned: ScimManagedError, scimOnOwner: OwnerProtectedError, otherAdmin: F },
  },
  {
    fn: "changeRole",
    run: (db, actor, s) => changeRole(db, { orgId: w.orgId, membershipId: personFor(s), role: "admin", actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "transferOwnership",
    run: (db, actor) => transferOwnership(db, { orgId: w.orgId, toMembershipId: w.idpPersonId, actor }),
    expect: { member: F, adminOnProvisioned: F, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "resendInvitation",
    run: (db, actor) => resendInvitation(db, { orgId: w.orgId, membershipId: w.invitedId, actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "revokeInvitation",
    run: (db, actor) => revokeInvitation(db, { orgId: w.orgId, membershipId: w.invitedId, actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "createGroup",
    run: (db, actor) => createGroup(db, { orgId: w.orgId, displayName: `G ${uniq()}`, actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: "allowed", otherAdmin: F },
  },
  {
    fn: "changeGroup (rename)",
    run: (db, actor, s) => changeGroup(db, { orgId: w.orgId, groupId: groupFor(s), actor }, (c) => c.rename(`Renamed ${uniq()}`)),
    expect: { member: F, adminOnProvisioned: ScimManagedError, scimOnOwner: "allowed", otherAdmin: F },
  },
  {
    fn: "changeGroup (a group made in Roster)",
    run: (db, actor) => changeGroup(db, { orgId: w.orgId, groupId: w.rosterGroupId, actor }, (c) => c.rename(`Renamed ${uniq()}`)),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: "allowed", otherAdmin: F },
  },
  {
    fn: "deleteGroup",
    run: (db, actor, s) => deleteGroup(db, { orgId: w.orgId, groupId: groupFor(s), actor }),
    expect: { member: F, adminOnProvisioned: ScimManagedError, scimOnOwner: "allowed", otherAdmin: F },
  },
  {
    fn: "changeGroup (a group from the department attribute)",
    run: (db, actor) => changeGroup(db, { orgId: w.orgId, groupId: w.attributeGroupId, actor }, (c) => c.rename(`Renamed ${uniq()}`)),
    expect: { member: F, adminOnProvisioned: F, scimOnOwner: { na: "SCIM does not see attribute groups (not found: tests/integration/attribute-groups.test.ts)" }, otherAdmin: F },
  },
  {
    fn: "deleteGroup (a group from the department attribute)",
    run: (db, actor) => deleteGroup(db, { orgId: w.orgId, groupId: w.attributeGroupId, actor }),
    expect: { member: F, adminOnProvisioned: F, scimOnOwner: { na: "SCIM does not see attribute groups (not found: tests/integration/attribute-groups.test.ts)" }, otherAdmin: F },
  },
  {
    fn: "applyAttributeGroups",
    run: (db, actor) => applyAttributeGroups(db, { orgId: w.orgId, attribute: "department", actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "turnOffAttributeGroups",
    run: (db, actor) => turnOffAttributeGroups(db, { orgId: w.orgId, actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "addSeats",
    run: (db, actor) => addSeats(db, { orgId: w.orgId, quantity: 1, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "removeSeats",
    run: (db, actor) => removeSeats(db, { orgId: w.orgId, quantity: 1, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "setScimEnabled (off)",
    run: (db, actor) => setScimEnabled(db, w.orgId, false, actor),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "enableScim",
    run: (db, actor) => enableScim(db, { orgId: w.orgId, actor, expiresInDays: 30 }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "disableScim",
    run: (db, actor) => disableScim(db, { orgId: w.orgId, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "issueScimToken",
    run: (db, actor) => issueScimToken(db, { orgId: w.orgId, actor, expiresInDays: 30 }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "createScimToken",
    run: (db, actor) => createScimToken(db, { orgId: w.orgId, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "revokeScimToken",
    run: (db, actor) => revokeScimToken(db, { orgId: w.orgId, tokenId: w.tokenId, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  ...(
    [
      ["createWebhookEndpoint", (db, actor) => createWebhookEndpoint(db, { org: { id: w.orgId }, actor, url: "https://hooks.example.com/new", events: ["member.invited"] })],
      ["updateWebhookEndpoint", (db, actor) => updateWebhookEndpoint(db, { org: { id: w.orgId }, actor, endpointId: w.webhookEndpointId, enabled: false })],
      ["rotateWebhookSecret", (db, actor) => rotateWebhookSecret(db, { org: { id: w.orgId }, actor, endpointId: w.webhookEndpointId })],
      ["deleteWebhookEndpoint", (db, actor) => deleteWebhookEndpoint(db, { org: { id: w.orgId }, actor, endpointId: w.webhookEndpointId })],
      ["sendTestWebhook", (db, actor) => sendTestWebhook(db, { org: { id: w.orgId }, actor, endpointId: w.webhookEndpointId })],
      ["resendWebhookDelivery", (db, actor) => resendWebhookDelivery(db, { org: { id: w.orgId }, actor, deliveryId: w.webhookDeliveryId })],
    ] as const satisfies readonly (readonly [string, Row["run"]])[]
  ).map(([fn, run]): Row => ({ fn, run, expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F } })),
  {
    // Refused before the metadata is read or Jackson is asked anything, so nonsense metadata is enough.
    fn: "setSsoConnection",
    run: (db, actor) => setSsoConnection(db, { orgId: w.orgId, metadataXml: "<not-metadata/>", actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "removeSsoConnection",
    run: (db, actor) => removeSsoConnection(db, { orgId: w.orgId, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "setIdpInitiated",
    run: (db, actor) => setIdpInitiated(db, { orgId: w.orgId, allowed: true, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "setOrgDefaultEventType",
    run: (db, actor) => setOrgDefaultEventType(db, { orgId: w.orgId, title: "Chat", durationMinutes: 15, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "createManagedEventType",
    run: (db, actor) =>
      createManagedEventType(db, { orgId: w.orgId, input: { title: `M ${uniq()}`, durationMinutes: 30, description: null, location: null, assignment: { kind: "all" } }, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "updateManagedEventType",
    run: (db, actor) => updateManagedEventType(db, { orgId: w.orgId, id: w.managedEventId, patch: { title: "Changed" }, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "deleteManagedEventType",
    run: (db, actor) => deleteManagedEventType(db, { orgId: w.orgId, id: w.managedEventId, actor }),
    expect: { member: F, adminOnProvisioned: notAboutPeople, scimOnOwner: F, otherAdmin: F },
  },
  {
    // The owner's only: an admin is refused too.
    fn: "setAuditRetention",
    run: (db, actor) => setAuditRetention(db, { orgId: w.orgId, days: 90, actor }),
    expect: { member: F, adminOnProvisioned: F, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "configureGuard (owners only)",
    run: (db, actor) => configureGuard(db, { orgId: w.orgId, actor, enabled: false, minCount: 5, percent: 10 }),
    expect: { member: F, adminOnProvisioned: F, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "allowHeld",
    run: (db, actor) => allowHeld(db, { orgId: w.orgId, actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "keepBlocked",
    run: (db, actor) => keepBlocked(db, { orgId: w.orgId, actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "admitWaiting",
    run: (db, actor) => admitWaiting(db, { orgId: w.orgId, actor }),
    expect: { member: F, adminOnProvisioned: { na: "nobody waits in this world (tests/integration/provisioning-safety.test.ts)" }, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "dismissWaiting",
    run: (db, actor) => dismissWaiting(db, { orgId: w.orgId, id: "00000000-0000-4000-8000-000000000000", actor }),
    expect: { member: F, adminOnProvisioned: { na: "nobody waits in this world (tests/integration/provisioning-safety.test.ts)" }, scimOnOwner: F, otherAdmin: F },
  },
  {
    // Not about people's provisioning: SCIM's lock does not apply, the host or an admin cancels.
    fn: "cancelBooking (someone else's meeting)",
    run: (db, actor) => cancelBooking(db, { orgId: w.orgId, bookingId: w.idpPersonBookingId, actor }),
    expect: { member: F, adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "cancelBooking (the member's own meeting)",
    run: (db, actor) => cancelBooking(db, { orgId: w.orgId, bookingId: w.memberBookingId, actor }),
    expect: { member: "allowed", adminOnProvisioned: "allowed", scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "createOrganisation",
    run: (db, actor) => createOrganisation(db, { name: `Rogue ${uniq()}`, seats: 1, actor }),
    expect: { member: F, adminOnProvisioned: F, scimOnOwner: F, otherAdmin: F },
  },
  {
    fn: "addOwner",
    run: (db, actor) => addOwner(db, { orgId: w.orgId, owner: { email: `usurper-${uniq()}@example.com` }, actor }),
    expect: { member: F, adminOnProvisioned: F, scimOnOwner: F, otherAdmin: F },
  },
];

/** md5 of every row of every table Roster (and Jackson) keep, in one string: equal digests, nothing written. */
async function databaseDigest(): Promise<string> {
  const tables = await t.db.execute<{ name: string }>(sql`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
    where schemaname not in ('pg_catalog', 'information_schema') order by 1`);
  const list = Array.isArray(tables) ? tables : (tables as { rows: { name: string }[] }).rows;
  const parts: string[] = [];
  for (const { name } of list) {
    const r = await t.db.execute<{ d: string | null }>(sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from ${name} x`));
    const rowsOf = Array.isArray(r) ? r : (r as { rows: { d: string | null }[] }).rows;
    parts.push(`${name}:${rowsOf[0]?.d}`);
  }
  return parts.join("\n");
}

class RolledBack extends Error {}

describe(`the policy holds in every mutating domain function (${testDriver()})`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    const org = await makeOrg(t.db, { seats: 20 });
    const owner = await ownerOf(t.db, org.id);
    const admin = await addMember(t.db, org.id, { role: "admin" });
    const member = await addMember(t.db, org.id);
    const idp = await inviteMember(t.db, {
      orgId: org.id,
      email: `idp-${uniq()}@example.com`,
      scimAttributes: { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Sales" } },
      actor: scimActor,
    });
    await markMemberJoined(t.db, { orgId: org.id, membershipId: idp.membership.id });
    const gone = await inviteMember(t.db, { orgId: org.id, email: `gone-${uniq()}@example.com`, actor: scimActor });
    await setMemberActive(t.db, { orgId: org.id, membershipId: gone.membership.id, active: false, actor: scimActor });
    const invited = await addMember(t.db, org.id, { state: "invited" });
    const rosterGroup = await createGroup(t.db, { orgId: org.id, displayName: "Made in Roster", actor: operator });
    const idpGroup = await createGroup(t.db, { orgId: org.id, displayName: "Pushed by the IdP", actor: scimActor });
    const managed = await createManagedEventType(t.db, {
      orgId: org.id,
      input: { title: "Intro call", durationMinutes: 30, description: null, location: null, assignment: { kind: "all" } },
      actor: operator,
    });
    const token = await createScimToken(t.db, { orgId: org.id, actor: operator });
    await applyAttributeGroups(t.db, { orgId: org.id, attribute: "department", actor: operator });
    const [attributeGroup] = await t.db.execute<{ id: string }>(sql`select id from groups where org_id = ${org.id} and from_attribute = 'department'`).then(
      (r) => (Array.isArray(r) ? r : (r as { rows: { id: string }[] }).rows),
    );
    await setScimEnabled(t.db, org.id, true, operator);
    const hook = await createWebhookEndpoint(t.db, { org, actor: operator, url: "https://hooks.example.com/roster", events: ["group.created"] });
    const testDelivery = await sendTestWebhook(t.db, { org, actor: operator, endpointId: hook.endpoint.id });
    // Meetings on Monday 7 January 2030 (inside the default working hours), booked against that day's clock.
    const book = async (membershipId: string, startsAt: string) => {
      const [m] = await t.db.select({ slug: memberships.slug }).from(memberships).where(eq(memberships.id, membershipId));
      const input = bookingBody.parse({ org: org.slug, member: m!.slug, event: "30-minute-meeting", startsAt, name: "Vera Visitor", email: "vera@example.org" });
      return (await bookSlot(t.db, input, new Date("2030-01-07T06:00:00Z"))).booking.id;
    };
    const idpPersonBookingId = await book(idp.membership.id, "2030-01-07T10:00:00Z");
    const memberBookingId = await book(member.membershipId, "2030-01-07T11:00:00Z");

    const other = await makeOrg(t.db);
    const otherAdmin = await addMember(t.db, other.id, { role: "admin" });
    w = {
      orgId: org.id,
      ownerId: owner.membershipId,
      idpPersonId: idp.membership.id,
      idpDeactivatedId: gone.membership.id,
      invitedId: invited.membershipId,
      rosterGroupId: rosterGroup.id,
      idpGroupId: idpGroup.id,
      attributeGroupId: attributeGroup!.id,
      managedEventId: managed.id,
      tokenId: token.id,
      webhookEndpointId: hook.endpoint.id,
      webhookDeliveryId: testDelivery.deliveryId,
      idpPersonBookingId,
      memberBookingId,
      actors: {
        member: await actorFor(t.db, member.membershipId),
        admin: await actorFor(t.db, admin.membershipId),
        otherAdmin: await actorFor(t.db, otherAdmin.membershipId),
        scim: scimActor,
      },
    };
    expect(idpGroup.managedByIdp).toBe(true);
    expect(rosterGroup.managedByIdp).toBe(false);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const actorOf = (s: Scenario): Actor =>
    ({ member: w.actors.member, adminOnProvisioned: w.actors.admin, scimOnOwner: w.actors.scim, otherAdmin: w.actors.otherAdmin })[s];

  const cases = rows.flatMap((row) =>
    (Object.keys(row.expect) as Scenario[]).map((s) => ({ row, s, expected: row.expect[s] })),
  );

  it.each(cases.filter((c) => typeof c.expected === "function").map((c) => [c.row.fn, c.s, (c.expected as ErrorClass).name, c] as const))(
    "%s as %s: refused with %s, nothing written",
    async (_fn, s, _name, c) => {
      const before = await databaseDigest();
      const error = await c.row.run(t.db, actorOf(s), s).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(c.expected as ErrorClass);
      expect(await databaseDigest()).toBe(before);
    },
  );

  it.each(cases.filter((c) => c.expected === "allowed").map((c) => [c.row.fn, c.s, c] as const))(
    "%s as %s: allowed (checked in a transaction that is then rolled back)",
    async (_fn, s, c) => {
      const before = await databaseDigest();
      const outcome = await t.db
        .transaction(async (tx) => {
          await c.row.run(tx, actorOf(s), s);
          throw new RolledBack();
        })
        .catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(RolledBack);
      expect(await databaseDigest()).toBe(before);
    },
  );

  it("the digest sees a one-row write, and covers Roster's tables", async () => {
    const before = await databaseDigest();
    expect(before).toMatch(/public\.memberships:[0-9a-f]{32}/);
    await t.db.execute(sql`update groups set display_name = display_name || '!' where id = ${w.rosterGroupId}`);
    expect(await databaseDigest()).not.toBe(before);
    await t.db.execute(sql`update groups set display_name = left(display_name, -1) where id = ${w.rosterGroupId}`);
    expect(await databaseDigest()).toBe(before);
  });

  it("each scenario refuses something", () => {
    for (const s of ["member", "adminOnProvisioned", "scimOnOwner", "otherAdmin"] as const) {
      expect(cases.filter((c) => c.s === s && typeof c.expected === "function").length).toBeGreaterThan(0);
    }
  });
});
