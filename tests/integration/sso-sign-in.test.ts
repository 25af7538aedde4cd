import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitationDirectly } from "@/lib/auth/accept-invitation";
import { closeJackson } from "@/lib/sso/jackson";
import { magicLinkDecision, signInRoute } from "@/lib/auth/sign-in-rules";
import { admitSsoSignIn } from "@/lib/auth/sso-sign-in";
import { auditLog, invitations, memberships, users } from "@/lib/db/schema";
import { issueInvitation, invitationTokenHash, lookupInvitation } from "@/lib/orgs/invitations";
import { removeMember, setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { getOrganisation } from "@/lib/orgs/organisations";
import { changeRole } from "@/lib/orgs/roles";
import { seatUsage } from "@/lib/orgs/seats";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { startTestJackson, TestIdp } from "../helpers/sso";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await startTestJackson(t);
});
afterAll(async () => {
  await closeJackson();
  await t?.drop();
});

async function ssoOrg() {
  const org = await makeOrg(t.db);
  await new TestIdp().connect(t.db, org.id);
  return getOrganisation(t.db, org.id);
}

async function invite(orgId: string) {
  const invited = await inviteMember(t.db, { orgId, email: `p-${uniq()}@example.com`, actor: scimActor });
  return { ...invited, invitationToken: invited.invitationToken! };
}
async function createPersonalAccount(email: string): Promise<string> {
  await t.db.insert(users).values({ email, origin: "personal" });
  return email;
}
const stateOf = async (membershipId: string) =>
  (await t.db.select({ state: memberships.state }).from(memberships).where(eq(memberships.id, membershipId)))[0]?.state;

describe(`SSO sign-in rules (${testDriver()})`, () => {
  it("first SSO sign-in of an invited member with a valid invitation: active, seat filled not added, invitation used, audited", async () => {
    const org = await ssoOrg();
    const { membership, user, invitationToken } = await invite(org.id);
    const before = await seatUsage(t.db, org.id);
    const decision = await admitSsoSignIn(t.db, { orgId: org.id, email: user.email.toUpperCase() });
    expect(decision).toEqual({ allowed: true, userId: user.id, joined: true });
    expect(await stateOf(membership.id)).toBe("active");
    expect(await seatUsage(t.db, org.id)).toEqual(before);
    expect((await lookupInvitation(t.db, invitationTokenHash(invitationToken))).status).toBe("accepted");
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "invitation.accepted")));
    expect(audit.map((a) => a.target)).toEqual([user.email]);
    // Later sign-ins of the now active member are plain sign-ins.
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: user.email })).toEqual({ allowed: true, userId: user.id, joined: false });
  });

  it("refuses unknown, non-member, deactivated and deleted people, and changes nothing", async () => {
    const org = await ssoOrg();
    const other = await ssoOrg();
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: `nobody-${uniq()}@example.com` })).toMatchObject({ allowed: false, reason: "unknown" });
    const outsider = await invite(other.id);
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: outsider.user.email })).toMatchObject({ allowed: false, reason: "not_member" });
    expect(await stateOf(outsider.membership.id)).toBe("invited");

    const member = await invite(org.id);
    await admitSsoSignIn(t.db, { orgId: org.id, email: member.user.email });
    await setMemberActive(t.db, { orgId: org.id, membershipId: member.membership.id, active: false, actor: scimActor });
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: member.user.email })).toEqual({ allowed: false, reason: "deactivated", orgId: org.id });
    expect(await stateOf(member.membership.id)).toBe("deactivated");
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: null })).toMatchObject({ allowed: false, reason: "no_email" });

    // Deleted: a provisioned account goes with its membership (unknown); a personal one stays, outside the organisation.
    const gone = await invite(org.id);
    await removeMember(t.db, { orgId: org.id, membershipId: gone.membership.id, actor: scimActor });
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: gone.user.email })).toMatchObject({ allowed: false, reason: "unknown" });
    const personal = await makeOrg(t.db, { owner: undefined });
    const solo = await createPersonalAccount(`solo-${uniq()}@example.com`);
    const joined = await inviteMember(t.db, { orgId: personal.id, email: solo, actor: scimActor });
    await removeMember(t.db, { orgId: personal.id, membershipId: joined.membership.id, actor: scimActor });
    expect(await admitSsoSignIn(t.db, { orgId: personal.id, email: solo })).toMatchObject({ allowed: false, reason: "not_member" });
  });

  it("an invited member whose invitation expired or was replaced is told so, and stays invited", async () => {
    const org = await ssoOrg();
    const expired = await invite(org.id);
    await t.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.membershipId, expired.membership.id));
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: expired.user.email })).toMatchObject({ reason: "invitation_expired" });
    expect(await stateOf(expired.membership.id)).toBe("invited");

    const resent = await invite(org.id);
    const first = invitationTokenHash(resent.invitationToken);
    await t.db.transaction((tx) =>
      issueInvitation(tx, { org, membershipId: resent.membership.id, email: resent.user.email, recipientName: null, actor: operator }),
    );
    // Accepting through the old (replaced) link is refused; the new one works without the cookie.
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: resent.user.email, invitationTokenHash: first })).toMatchObject({
      reason: "invitation_revoked",
    });
    expect(await admitSsoSignIn(t.db, { orgId: org.id, email: resent.user.email })).toMatchObject({ allowed: true, joined: true });
  });

  it("wrong person: the invitation accepted in this browser belongs to someone else than the IdP signed in", async () => {
    const org = await ssoOrg();
    const invited = await invite(org.id);
    const colleague = await invite(org.id);
    const decision = await admitSsoSignIn(t.db, {
      orgId: org.id,
      email: colleague.user.email,
      invitationTokenHash: invitationTokenHash(invited.invitationToken),
    });
    expect(decision).toMatchObject({ allowed: false, reason: "wrong_person" });
    expect(await stateOf(colleague.membership.id)).toBe("invited");
    expect(await stateOf(invited.membership.id)).toBe("invited");
  });

  it("magic links: plain members of an SSO organisation must use SSO; the owner and admins keep the email link (break-glass)", async () => {
    const org = await ssoOrg();
    const member = await invite(org.id);
    await admitSsoSignIn(t.db, { orgId: org.id, email: member.user.email });
    expect(await magicLinkDecision(t.db, member.user.email)).toEqual({ allowed: false, reason: "sso_required", orgName: org.name });
    await changeRole(t.db, { orgId: org.id, membershipId: member.membership.id, role: "admin", actor: operator });
    expect(await magicLinkDecision(t.db, member.user.email)).toMatchObject({ allowed: true });

    const plain = await makeOrg(t.db);
    const noSso = await invite(plain.id);
    await acceptInvitationDirectly(t.db, invitationTokenHash(noSso.invitationToken));
    expect(await magicLinkDecision(t.db, noSso.user.email)).toMatchObject({ allowed: true });
  });

  it("the sign-in page sends members of SSO organisations (whatever their state) to their IdP, everyone else to email", async () => {
    const org = await ssoOrg();
    const member = await invite(org.id);
    expect(await signInRoute(t.db, member.user.email)).toEqual({ method: "sso", orgId: org.id, orgName: org.name });
    await setMemberActive(t.db, { orgId: org.id, membershipId: member.membership.id, active: false, actor: scimActor });
    expect(await signInRoute(t.db, member.user.email)).toMatchObject({ method: "sso" });
    expect(await signInRoute(t.db, `nobody-${uniq()}@example.com`)).toEqual({ method: "email" });
    const plain = await makeOrg(t.db);
    expect(await signInRoute(t.db, (await invite(plain.id)).user.email)).toEqual({ method: "email" });
  });
});

describe(`invitations (${testDriver()})`, () => {
  it("each state of a link: valid, used, replaced, expired, deactivated, unknown", async () => {
    const org = await makeOrg(t.db);
    const a = await invite(org.id);
    const hash = invitationTokenHash(a.invitationToken);
    const found = await lookupInvitation(t.db, hash);
    expect(found.status).toBe("valid");
    expect(found.org?.id).toBe(org.id);
    expect(found.user?.email).toBe(a.user.email);
    expect((await lookupInvitation(t.db, invitationTokenHash("made-up"))).status).toBe("not_found");
    expect((await lookupInvitation(t.db, "not a hash")).status).toBe("not_found");

    await t.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.membershipId, a.membership.id));
    expect((await lookupInvitation(t.db, hash)).status).toBe("expired");

    const b = await invite(org.id);
    await t.db.transaction((tx) => issueInvitation(tx, { org, membershipId: b.membership.id, email: b.user.email, recipientName: null, actor: operator }));
    expect((await lookupInvitation(t.db, invitationTokenHash(b.invitationToken))).status).toBe("revoked");

    const c = await invite(org.id);
    await setMemberActive(t.db, { orgId: org.id, membershipId: c.membership.id, active: false, actor: scimActor });
    expect((await lookupInvitation(t.db, invitationTokenHash(c.invitationToken))).status).toBe("deactivated");
  });

  it("without SSO, accepting signs in once: a second (even parallel) use is refused", async () => {
    const org = await makeOrg(t.db);
    const { membership, user, invitationToken } = await invite(org.id);
    const hash = invitationTokenHash(invitationToken);
    const results = await Promise.all([acceptInvitationDirectly(t.db, hash), acceptInvitationDirectly(t.db, hash)]);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, userId: user.id }]);
    expect(await stateOf(membership.id)).toBe("active");
    expect(await acceptInvitationDirectly(t.db, hash)).toEqual({ ok: false, status: "accepted" });
  });

  it("with SSO, the link alone does not sign in: the IdP must vouch", async () => {
    const org = await ssoOrg();
    const { membership, invitationToken } = await invite(org.id);
    expect(await acceptInvitationDirectly(t.db, invitationTokenHash(invitationToken))).toEqual({ ok: false, status: "sso" });
    expect(await stateOf(membership.id)).toBe("invited");
  });
});
