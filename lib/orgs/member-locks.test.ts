import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/actor";
import { memberLocks } from "./member-locks";

const admin: Actor = { kind: "user", userId: "u-1", email: "ada@example.com", membership: { id: "m-1", orgId: "org-a", role: "admin", state: "active" } };
const off = { id: "org-a", name: "Acme", scimEnabled: false };
const on = { ...off, scimEnabled: true };
const person = (source: "scim" | "manual" | "operator", extra: Partial<{ userId: string; role: "owner" | "admin" | "user" }> = {}) => ({
  userId: "u-2",
  role: "user" as const,
  source,
  name: "Priya Shah",
  ...extra,
});

describe("the Users pages' locks are the policy's answers", () => {
  it("SCIM off: nothing locked for an ordinary member; the owner and yourself are, with the server's reason", () => {
    expect(memberLocks(admin, off, person("manual"))).toEqual({ deactivate: null, reactivate: null, remove: null });
    const owner = memberLocks(admin, off, person("operator", { role: "owner" }));
    expect(owner.deactivate).toMatch(/owner/i);
    expect(owner.remove).toMatch(/owner/i);
    expect(owner.reactivate).toBeNull();
    const self = memberLocks(admin, off, person("manual", { userId: "u-1", role: "admin" }));
    expect(self.remove).toBe("You cannot deactivate or remove yourself. Ask another admin or the owner.");
  });

  it("SCIM on: an IdP-provisioned person is the IdP's; a person invited in Roster is told how to remove them through the IdP", () => {
    expect(memberLocks(admin, on, person("scim")).remove).toBe("Managed by your identity provider: remove Priya Shah there.");
    const invited = memberLocks(admin, on, person("manual"));
    expect(invited.remove).toBe(
      "Priya Shah was added in Roster, not by your identity provider, but while SCIM is on only your IdP removes people. Assign Priya Shah to Roster in your IdP, then unassign them there; or turn SCIM off on the Security page.",
    );
    expect(invited.deactivate).toMatch(/only your IdP deactivates people/);
    // Refused for more than SCIM (the owner): the server's own sentence, unchanged.
    expect(memberLocks(admin, on, person("operator", { role: "owner" })).remove).toMatch(/^Removing people is managed by your identity provider/);
  });

  it("a plain member may do none of it", () => {
    const member: Actor = { ...admin, membership: { id: "m-1", orgId: "org-a", role: "user", state: "active" } };
    const locks = memberLocks(member, off, person("manual"));
    expect(locks.remove).toBe("Only owners and admins of the organisation can do this.");
  });
});
