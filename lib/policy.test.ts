import { describe, expect, it } from "vitest";
import type { Actor, ActingMembership } from "@/lib/audit/actor";
import { ForbiddenError, OwnerProtectedError, ScimManagedError } from "@/lib/errors";
import { authorize, may, refusal, scimEnableBlocker } from "./policy";

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
    for (const a of ["seats.remove", "scim.disable", "scim.token.issue", "sso.remove", "managed_event.create", "owner.add"] as const) {
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
});
