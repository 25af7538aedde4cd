import { describe, expect, it } from "vitest";
import type { Actor, ActingMembership } from "@/lib/audit/actor";
import { ForbiddenError, OwnerProtectedError, ScimManagedError } from "@/lib/errors";
import { authorize, deprovisionDecision, deprovisionThreshold, may, refusal, scimEnableBlocker } from "./policy";

const org = { id: "org-a", name: "Acme", scimEnabled: false };
const person = (m: Partial<ActingMembership> | null, userId = "u-1"): Actor => ({
  kind: "user",
  userId,
  email: `${userId}@example.com`,
  membership: m === null ? null : { id: "m-1", orgId: "org-a", role: "admin", state: "active", ...m },
});
const scim: Actor = { kind: "scim", tokenId: "t-1" };
const operator: Actor = { kind: "operator" };

describe("lib/policy", () => {
  it("people act only as active owners or admins of the organisation they act on", () => {
    expect(may(person({}), "member.invite", { org })).toBe(true);
    expect(may(person({ role: "owner" }), "member.invite", { org })).toBe(true);
    for (const m of [{ role: "user" as const }, { state: "deactivated" as const }, { state: "invited" as const }, { orgId: "org-b" }]) {
      expect(() => authorize(person(m), "member.invite", { org })).toThrow(ForbiddenError);
    }
    expect(() => authorize(person(null), "console.open", { org })).toThrow(ForbiddenError);
  });

  it("while SCIM is on, people's member actions are the IdP's; groups the IdP manages are read-only, Roster's stay editable", () => {
    const on = { ...org, scimEnabled: true };
    for (const a of ["member.invite", "member.edit", "member.deactivate", "member.reactivate", "member.remove"] as const) {
      expect(() => authorize(person({}), a, { org: on })).toThrow(ScimManagedError);
      expect(may(scim, a, { org: on })).toBe(true);
    }
    expect(may(person({}), "member.role", { org: on, member: { userId: "u-2", role: "user" } })).toBe(true);
    expect(() => authorize(person({}), "group.change", { org: on, group: { displayName: "Sales", managedByIdp: true } })).toThrow(
      /"Sales" is managed by your identity provider/,
    );
    expect(may(person({}), "group.change", { org: on, group: { displayName: "Sales", managedByIdp: false } })).toBe(true);
    expect(may(person({}), "group.change", { org, group: { displayName: "Sales", managedByIdp: true } })).toBe(true);
  });

  it("a group kept from a user attribute is read-only to everyone but Roster itself; choosing the attribute is an admin's", () => {
    const group = { displayName: "Sales", managedByIdp: false, fromAttribute: "department" };
    for (const actor of [person({}), person({ role: "owner" }), scim, operator]) {
      for (const a of ["group.change", "group.delete"] as const) {
        expect(() => authorize(actor, a, { org, group })).toThrow(ForbiddenError);
      }
    }
    expect(() => authorize(person({}), "group.change", { org, group: { ...group, fromAttribute: "costCenter" } })).toThrow(
      /"Sales" follows the cost center your identity provider sends.*turn off groups from cost center on the Groups page/,
    );
    expect(may({ kind: "system", reason: "attribute sync" }, "group.change", { org, group })).toBe(true);
    expect(may(person({}), "group.change", { org, group: { ...group, fromAttribute: null } })).toBe(true);
    expect(may(person({}), "attribute_groups.set", { org })).toBe(true);
    expect(may(person({}), "attribute_groups.set", { org: { ...org, scimEnabled: true } })).toBe(true);
    expect(may(person({ role: "user" }), "attribute_groups.set", { org })).toBe(false);
    expect(may(person({ orgId: "org-b" }), "attribute_groups.set", { org })).toBe(false);
    expect(may(scim, "attribute_groups.set", { org })).toBe(false);
  });

  it("webhooks are managed by the organisation's active owners and admins and the operator, never members or the IdP", () => {
    expect(may(person({}), "webhook.manage", { org })).toBe(true);
    expect(may(person({ role: "owner" }), "webhook.manage", { org })).toBe(true);
    // SCIM being on does not lock webhooks: they are Roster's settings, not people.
    expect(may(person({}), "webhook.manage", { org: { id: org.id } })).toBe(true);
    expect(may(operator, "webhook.manage", { org })).toBe(true);
    for (const m of [{ role: "user" as const }, { state: "deactivated" as const }, { orgId: "org-b" }]) {
      expect(() => authorize(person(m), "webhook.manage", { org })).toThrow(ForbiddenError);
    }
    expect(() => authorize(scim, "webhook.manage", { org })).toThrow("The identity provider cannot make this change.");
  });

  it("a booking is cancelled by its host or an owner or admin of its organisation; never by another member, another organisation or the IdP", () => {
    const own = { hostMembershipId: "m-1" };
    const someoneElses = { hostMembershipId: "m-2" };
    // The host, a plain member, cancels their own meeting and nobody else's.
    expect(may(person({ role: "user" }), "booking.cancel", { org })).toBe(true);
    expect(may(person({ role: "user" }), "booking.cancel", { org, booking: own })).toBe(true);
    expect(() => authorize(person({ role: "user" }), "booking.cancel", { org, booking: someoneElses })).toThrow(
      "Only the host or an admin of the organisation can cancel this booking.",
    );
    // Admins and owners cancel anyone's (a deactivated host's meetings are theirs to cancel).
    expect(may(person({ role: "admin" }), "booking.cancel", { org, booking: someoneElses })).toBe(true);
    expect(may(person({ role: "owner" }), "booking.cancel", { org, booking: someoneElses })).toBe(true);
    // Not an active member of this organisation: refused before the booking is even looked up.
    for (const m of [{ state: "deactivated" as const }, { state: "invited" as const }, { orgId: "org-b" }]) {
      expect(() => authorize(person(m), "booking.cancel", { org })).toThrow(ForbiddenError);
      expect(() => authorize(person(m), "booking.cancel", { org, booking: own })).toThrow(ForbiddenError);
    }
    expect(() => authorize(person(null), "booking.cancel", { org })).toThrow(ForbiddenError);
    expect(() => authorize(scim, "booking.cancel", { org, booking: own })).toThrow(ForbiddenError);
    expect(may(operator, "booking.cancel", { org, booking: own })).toBe(true);
  });

  it("nobody deactivates or removes themselves; refusal() says why, as authorize would", () => {
    const self = { userId: "u-1", role: "admin" as const };
    for (const a of ["member.deactivate", "member.remove"] as const) {
      expect(refusal(person({}), a, { org, member: self })).toBe("You cannot deactivate or remove yourself. Ask another admin or the owner.");
      expect(refusal(person({}), a, { org, member: { userId: "u-2", role: "user" } })).toBeNull();
    }
    expect(refusal(person({}), "member.remove", { org: { ...org, scimEnabled: true }, member: { userId: "u-2", role: "user" } })).toMatch(
      /^Removing people is managed by your identity provider/,
    );
    expect(refusal(operator, "member.remove", { org, member: { userId: "u-9", role: "owner" } })).toMatch(/owner/i);
    // The owner on their own row hears what to do: transfer ownership first.
    expect(refusal(person({ role: "owner" }), "member.remove", { org, member: { userId: "u-1", role: "owner" } })).toMatch(/Transfer ownership first|transferring ownership|owner/i);
  });

  it("the IdP provisions people and groups and nothing else", () => {
    expect(() => authorize(scim, "member.role", { org })).toThrow("Roles are never set by the identity provider.");
    expect(() => authorize(scim, "ownership.transfer", { org })).toThrow("Ownership is never changed by the identity provider.");
    for (const a of ["seats.remove", "scim.disable", "scim.token.issue", "sso.remove", "managed_event.create", "owner.add", "webhook.manage"] as const) {
      expect(() => authorize(scim, a, { org } as never)).toThrow(ForbiddenError);
    }
  });

  it("the owner is never deactivated, removed or re-roled, not even by the operator; only the owner transfers ownership", () => {
    const owner = { userId: "u-9", role: "owner" as const };
    for (const actor of [operator, scim, person({})]) {
      expect(() => authorize(actor, "member.deactivate", { org, member: owner })).toThrow(OwnerProtectedError);
      expect(() => authorize(actor, "member.remove", { org, member: owner })).toThrow(OwnerProtectedError);
    }
    expect(() => authorize(person({}), "member.role", { org, member: owner })).toThrow(OwnerProtectedError);
    expect(() => authorize(person({}, "u-2"), "member.role", { org, member: { userId: "u-2", role: "admin" } })).toThrow(
      "You cannot change your own role.",
    );
    expect(() => authorize(person({ role: "admin" }), "ownership.transfer", { org })).toThrow(/Only the owner/);
    expect(may(person({ role: "owner" }), "ownership.transfer", { org })).toBe(true);
    expect(may(operator, "ownership.transfer", { org })).toBe(true);
  });

  it("only the owner (and the operator) sets how long the audit trail is kept; never the IdP", () => {
    expect(() => authorize(person({ role: "admin" }), "audit.retention", { org })).toThrow(/Only the owner can change how long/);
    expect(may(person({ role: "owner" }), "audit.retention", { org })).toBe(true);
    expect(may(operator, "audit.retention", { org })).toBe(true);
    expect(() => authorize(scim, "audit.retention", { org })).toThrow(ForbiddenError);
  });

  it("invoice organisations change seats through their CSM; SCIM needs Enterprise and SSO; organisations are the operator's", () => {
    expect(() => authorize(person({}), "seats.add", { org: { ...org, billingMethod: "invoice" } })).toThrow(/Customer Success Manager/);
    expect(may(person({}), "seats.add", { org: { ...org, billingMethod: "card" } })).toBe(true);
    expect(scimEnableBlocker({ plan: "team", ssoConfiguredAt: new Date() })).toMatch(/Enterprise plan/);
    expect(scimEnableBlocker({ plan: "enterprise", ssoConfiguredAt: null })).toMatch(/single sign-on/);
    expect(() => authorize(person({}), "scim.enable", { org: { ...org, plan: "enterprise", ssoConfiguredAt: null } })).toThrow(ForbiddenError);
    expect(may(operator, "scim.enable", { org: { ...org, plan: "enterprise", ssoConfiguredAt: null } })).toBe(true);
    expect(() => authorize(person({ role: "owner" }), "organisation.create", {})).toThrow(ForbiddenError);
    expect(may(operator, "organisation.create", {})).toBe(true);
  });

  it("the mass-deprovisioning guard: the larger of the count and the percentage an hour, then held", () => {
    const now = new Date("2026-12-07T12:00:00Z");
    const base = { enabled: true, minCount: 5, percent: 10, allowedUntil: null, members: 40, lastHour: 0, now };
    // 40 people: max(5, 4) = 5 go through, the 6th is held.
    expect(deprovisionThreshold(base)).toBe(5);
    expect(deprovisionDecision({ ...base, lastHour: 4 })).toBe("apply");
    expect(deprovisionDecision({ ...base, lastHour: 5 })).toBe("hold");
    // 200 people: 10% = 20.
    expect(deprovisionThreshold({ ...base, members: 200 })).toBe(20);
    expect(deprovisionDecision({ ...base, members: 200, lastHour: 19 })).toBe("apply");
    expect(deprovisionDecision({ ...base, members: 200, lastHour: 20 })).toBe("hold");
    // The owner's numbers, off, and Allow until a time still to come.
    expect(deprovisionDecision({ ...base, minCount: 2, percent: 0, lastHour: 2 })).toBe("hold");
    expect(deprovisionDecision({ ...base, enabled: false, lastHour: 1000 })).toBe("apply");
    expect(deprovisionDecision({ ...base, lastHour: 50, allowedUntil: new Date("2026-12-07T13:00:00Z") })).toBe("apply");
    expect(deprovisionDecision({ ...base, lastHour: 50, allowedUntil: new Date("2026-12-07T11:59:59Z") })).toBe("hold");
  });

  it("owners change the guard; owners and admins decide what it held and add the people waiting; the IdP does none of it", () => {
    expect(may(person({ role: "owner" }), "guard.configure", { org })).toBe(true);
    expect(() => authorize(person({}), "guard.configure", { org })).toThrow("Only the owner changes the mass-deprovisioning guard.");
    for (const a of ["guard.decide", "waitlist.admit", "waitlist.dismiss"] as const) {
      expect(may(person({}), a, { org: { ...org, scimEnabled: true } })).toBe(true);
      expect(may(person({ role: "user" }), a, { org })).toBe(false);
      expect(may(scim, a, { org })).toBe(false);
    }
    expect(may(scim, "guard.configure", { org })).toBe(false);
  });
});
