import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, scimTokens } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { setScimEnabled } from "@/lib/orgs/organisations";
import { createScimToken, listScimTokens, revokeScimToken } from "@/lib/orgs/scim-tokens";
import { authenticateScimToken, bearerToken } from "@/lib/scim/tokens";
import { makeOrg, operator } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe(`SCIM tokens (${testDriver()})`, () => {
  it("stores only a hash and a short prefix; several tokens live at once; revocation and expiry refuse", async () => {
    const org = await makeOrg(t.db, { scimEnabled: true });
    const a = await createScimToken(t.db, { orgId: org.id, actor: operator, label: "Okta" });
    const b = await createScimToken(t.db, { orgId: org.id, actor: operator, expiresAt: new Date(Date.now() + 60_000) });
    expect(a.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(a.token.startsWith(a.prefix)).toBe(true);
    const [row] = await t.db.select().from(scimTokens).where(eq(scimTokens.id, a.id));
    expect(JSON.stringify(row)).not.toContain(a.token.slice(a.prefix.length));
    expect(await authenticateScimToken(t.db, a.token)).toMatchObject({ ok: true, tokenId: a.id, orgId: org.id });
    expect(await authenticateScimToken(t.db, b.token)).toMatchObject({ ok: true, tokenId: b.id });
    expect((await listScimTokens(t.db, org.id)).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(await listScimTokens(t.db, org.id))).not.toContain("tokenHash");

    await revokeScimToken(t.db, { orgId: org.id, tokenId: a.id, actor: operator });
    expect(await authenticateScimToken(t.db, a.token)).toMatchObject({ ok: false, reason: "revoked" });
    await expect(revokeScimToken(t.db, { orgId: org.id, tokenId: a.id, actor: operator })).rejects.toBeInstanceOf(NotFoundError);
    await t.db.update(scimTokens).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(scimTokens.id, b.id));
    expect(await authenticateScimToken(t.db, b.token)).toMatchObject({ ok: false, reason: "expired" });
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["scim.token_created", "scim.token_revoked"]));
  });

  it("refuses what is not a token, another organisation's revoke, a past expiry, and SCIM turned off", async () => {
    const org = await makeOrg(t.db, { scimEnabled: true });
    const other = await makeOrg(t.db, { scimEnabled: true });
    const tok = await createScimToken(t.db, { orgId: org.id, actor: operator });
    expect(await authenticateScimToken(t.db, null)).toEqual({ ok: false, reason: "missing" });
    expect(await authenticateScimToken(t.db, "scim_wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateScimToken(t.db, tok.token.slice(0, -1))).toEqual({ ok: false, reason: "invalid" });
    await expect(revokeScimToken(t.db, { orgId: other.id, tokenId: tok.id, actor: operator })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createScimToken(t.db, { orgId: org.id, actor: operator, expiresAt: new Date(Date.now() - 1000) })).rejects.toBeInstanceOf(ValidationError);
    await setScimEnabled(t.db, org.id, false, operator);
    expect(await authenticateScimToken(t.db, tok.token)).toMatchObject({ ok: false, reason: "scim_disabled", orgId: org.id });
  });

  it("records last use at most once a minute", async () => {
    const org = await makeOrg(t.db, { scimEnabled: true });
    const tok = await createScimToken(t.db, { orgId: org.id, actor: operator });
    await authenticateScimToken(t.db, tok.token);
    const [first] = await t.db.select().from(scimTokens).where(eq(scimTokens.id, tok.id));
    expect(first?.lastUsedAt).toBeInstanceOf(Date);
    await authenticateScimToken(t.db, tok.token);
    const [second] = await t.db.select().from(scimTokens).where(eq(scimTokens.id, tok.id));
    expect(second?.lastUsedAt?.getTime()).toBe(first?.lastUsedAt?.getTime());
  });

  it.each([
    ["Bearer abc", "abc"],
    ["bearer   abc  ", "abc"],
    ["Basic abc", null],
    ["Bearer", null],
    ["Bearer a b", null],
    [null, null],
  ])("bearerToken(%j) = %j", (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
