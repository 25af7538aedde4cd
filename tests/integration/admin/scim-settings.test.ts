import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, organisations, scimTokens } from "@/lib/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { disableScim, enableScim, issueScimToken } from "@/lib/orgs/scim-settings";
import { revokeScimToken as revokeToken } from "@/lib/orgs/scim-tokens";
import { authenticateScimToken } from "@/lib/scim/tokens";
import { actorFor, addMember, ownerOf } from "../../helpers/admin-fixtures";
import { makeOrg, operator } from "../../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const withSso = async (orgId: string) => {
  await t.db.update(organisations).set({ ssoConfiguredAt: new Date() }).where(eq(organisations.id, orgId));
};
const scimOn = async (orgId: string) => (await t.db.select().from(organisations).where(eq(organisations.id, orgId)))[0]?.scimEnabled;

describe(`SCIM on/off and tokens (${testDriver()})`, () => {
  it("refused without SSO, refused on a Team plan, refused for a plain user; nothing written", async () => {
    const noSso = await makeOrg(t.db);
    const team = await makeOrg(t.db, { plan: "team" });
    await withSso(team.id);
    const enterprise = await makeOrg(t.db);
    await withSso(enterprise.id);
    const user = await addMember(t.db, enterprise.id);

    await expect(enableScim(t.db, { orgId: noSso.id, actor: (await ownerOf(t.db, noSso.id)).actor, expiresInDays: 90 })).rejects.toThrow(
      /Set up single sign-on \(SAML\) first/,
    );
    await expect(enableScim(t.db, { orgId: team.id, actor: (await ownerOf(t.db, team.id)).actor, expiresInDays: 90 })).rejects.toThrow(
      /Enterprise plan/,
    );
    await expect(
      enableScim(t.db, { orgId: enterprise.id, actor: await actorFor(t.db, user.membershipId), expiresInDays: 90 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    for (const o of [noSso, team, enterprise]) {
      expect(await scimOn(o.id)).toBe(false);
      expect(await t.db.select().from(scimTokens).where(eq(scimTokens.orgId, o.id))).toHaveLength(0);
    }
  });

  it("an admin enables it: one token that authenticates, with the chosen expiry, audited; disable refuses the token", async () => {
    const org = await makeOrg(t.db);
    await withSso(org.id);
    const admin = await addMember(t.db, org.id, { role: "admin" });
    const actor = await actorFor(t.db, admin.membershipId);
    const token = await enableScim(t.db, { orgId: org.id, actor, expiresInDays: 30 });
    expect(await scimOn(org.id)).toBe(true);
    expect(token.token.startsWith(token.prefix)).toBe(true);
    const auth = await authenticateScimToken(t.db, token.token);
    expect(auth).toMatchObject({ ok: true, orgId: org.id });
    const [row] = await t.db.select().from(scimTokens).where(eq(scimTokens.id, token.id));
    const days = (row!.expiresAt!.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(row!.tokenHash).not.toContain(token.token.slice(5));

    await expect(enableScim(t.db, { orgId: org.id, actor, expiresInDays: 30 })).rejects.toThrow(/already on/);

    await disableScim(t.db, { orgId: org.id, actor });
    expect(await authenticateScimToken(t.db, token.token)).toMatchObject({ ok: false, reason: "scim_disabled" });
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["scim.enabled", "scim.token_created", "scim.disabled"]));
  });

  it("another token for rotation; revoking one stops it and leaves the other working", async () => {
    const org = await makeOrg(t.db);
    await withSso(org.id);
    const { actor } = await ownerOf(t.db, org.id);
    const first = await enableScim(t.db, { orgId: org.id, actor, expiresInDays: null });
    const second = await issueScimToken(t.db, { orgId: org.id, actor, expiresInDays: 365, label: "Okta" });
    await revokeToken(t.db, { orgId: org.id, tokenId: first.id, actor });
    expect(await authenticateScimToken(t.db, first.token)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await authenticateScimToken(t.db, second.token)).toMatchObject({ ok: true });
    await expect(revokeToken(t.db, { orgId: org.id, tokenId: first.id, actor })).rejects.toThrow(/already revoked/);
    await expect(revokeToken(t.db, { orgId: org.id, tokenId: "not-a-uuid", actor })).rejects.toThrow(/not found/);
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "scim.token_revoked")));
    expect(entries).toHaveLength(1);
  });

  it("a token of another organisation cannot be revoked from this one", async () => {
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    await withSso(a.id);
    const tokenA = await enableScim(t.db, { orgId: a.id, actor: (await ownerOf(t.db, a.id)).actor, expiresInDays: 90 });
    await expect(revokeToken(t.db, { orgId: b.id, tokenId: tokenA.id, actor: (await ownerOf(t.db, b.id)).actor })).rejects.toThrow(
      /not found/,
    );
    expect(await authenticateScimToken(t.db, tokenA.token)).toMatchObject({ ok: true });
  });

  it("the operator CLI may turn SCIM on before SSO is connected", async () => {
    const org = await makeOrg(t.db);
    await enableScim(t.db, { orgId: org.id, actor: operator, expiresInDays: null });
    expect(await scimOn(org.id)).toBe(true);
  });
});
