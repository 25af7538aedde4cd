import { and, desc, eq } from "drizzle-orm";
import { seatUsage } from "@/lib/orgs/seats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, invitations, memberships } from "@/lib/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { invitationStatuses, resendInvitation, revokeInvitation } from "@/lib/orgs/invitation-actions";
import { actorFor, addMember, ownerOf } from "../../helpers/admin-fixtures";
import { makeOrg } from "../../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const invitesOf = (membershipId: string) =>
  t.db.select().from(invitations).where(eq(invitations.membershipId, membershipId)).orderBy(desc(invitations.createdAt));

describe(`invitation resend and revoke (${testDriver()})`, () => {
  it("resend: a new link by email, the old one revoked, recorded in the audit log", async () => {
    const org = await makeOrg(t.db);
    const { actor } = await ownerOf(t.db, org.id);
    const m = await addMember(t.db, org.id, { state: "invited" });
    const before = await invitesOf(m.membershipId);
    expect(before).toHaveLength(1);
    await resendInvitation(t.db, { orgId: org.id, membershipId: m.membershipId, actor });
    const after = await invitesOf(m.membershipId);
    expect(after).toHaveLength(2);
    expect(after.filter((i) => !i.revokedAt)).toHaveLength(1);
    expect(after.find((i) => i.id === before[0]!.id)?.revokedAt).not.toBeNull();
    const mails = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.to, m.email), eq(emailOutbox.kind, "invitation")));
    expect(mails).toHaveLength(2);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "invitation.resent")));
    expect(entry?.target).toBe(m.email);
    expect((await invitationStatuses(t.db, org.id, [m.membershipId])).get(m.membershipId)?.status).toBe("pending");
  });

  it("revoke: the link stops working, the member stays invited and keeps the seat", async () => {
    const org = await makeOrg(t.db);
    const { actor } = await ownerOf(t.db, org.id);
    const m = await addMember(t.db, org.id, { state: "invited" });
    const seatsBefore = await seatUsage(t.db, org.id);
    await revokeInvitation(t.db, { orgId: org.id, membershipId: m.membershipId, actor });
    expect((await invitesOf(m.membershipId)).every((i) => i.revokedAt)).toBe(true);
    const [member] = await t.db.select().from(memberships).where(eq(memberships.id, m.membershipId));
    expect(member?.state).toBe("invited");
    expect((await seatUsage(t.db, org.id)).held).toBe(seatsBefore.held);
    expect((await invitationStatuses(t.db, org.id, [m.membershipId])).get(m.membershipId)?.status).toBe("revoked");
    // Nothing left to revoke: a precise 404, not a silent success.
    await expect(revokeInvitation(t.db, { orgId: org.id, membershipId: m.membershipId, actor })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("allowed while SCIM is on (the invitation is not the membership)", async () => {
    const org = await makeOrg(t.db, { scimEnabled: true });
    const { actor } = await ownerOf(t.db, org.id);
    // SCIM-on organisations get members from the IdP; the operator stands in for it here.
    const m = await addMember(t.db, org.id, { state: "invited" });
    await resendInvitation(t.db, { orgId: org.id, membershipId: m.membershipId, actor });
    await revokeInvitation(t.db, { orgId: org.id, membershipId: m.membershipId, actor });
  });

  it("refuses: active or deactivated members, plain users, other organisations' members", async () => {
    const org = await makeOrg(t.db);
    const other = await makeOrg(t.db);
    const { actor } = await ownerOf(t.db, org.id);
    const active = await addMember(t.db, org.id);
    const gone = await addMember(t.db, org.id, { state: "deactivated" });
    const invited = await addMember(t.db, org.id, { state: "invited" });
    const stranger = await addMember(t.db, other.id, { state: "invited" });
    await expect(resendInvitation(t.db, { orgId: org.id, membershipId: active.membershipId, actor })).rejects.toThrow(/already joined/);
    await expect(resendInvitation(t.db, { orgId: org.id, membershipId: gone.membershipId, actor })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      resendInvitation(t.db, { orgId: org.id, membershipId: invited.membershipId, actor: await actorFor(t.db, active.membershipId) }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resendInvitation(t.db, { orgId: org.id, membershipId: stranger.membershipId, actor })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeInvitation(t.db, { orgId: org.id, membershipId: stranger.membershipId, actor })).rejects.toBeInstanceOf(NotFoundError);
    expect((await invitesOf(stranger.membershipId)).every((i) => !i.revokedAt)).toBe(true);
  });

  it("an expired link is reported as expired", async () => {
    const org = await makeOrg(t.db);
    const m = await addMember(t.db, org.id, { state: "invited" });
    const later = new Date(Date.now() + 15 * 86_400_000);
    expect((await invitationStatuses(t.db, org.id, [m.membershipId], later)).get(m.membershipId)?.status).toBe("expired");
  });
});
