import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCache } from "@/lib/db/change-cache";
import { scimTokens } from "@/lib/db/schema";
import { configureGuard } from "@/lib/orgs/deprovision-guard";
import { updateMember } from "@/lib/orgs/member-profile";
import { inviteMember } from "@/lib/orgs/members";
import { createScimToken, revokeScimToken } from "@/lib/orgs/scim-tokens";
import { makeOrg, operator, scimActor, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A cache that would keep entries for a minute, so only a notification can empty it in these tests. */
function counted(channel: string) {
  const cache = changeCache<number>(channel, 60_000, async () => t);
  let loads = 0;
  const get = () => cache.get("k", async () => ++loads);
  return { get, loads: () => loads };
}

async function untilLoaded(c: ReturnType<typeof counted>, n: number) {
  for (let i = 0; i < 100 && c.loads() < n; i++) {
    await c.get();
    if (c.loads() < n) await sleep(20);
  }
  return c.loads();
}

describe(`change cache (${testDriver()})`, () => {
  it("serves a loaded value until the database announces a change on its channel, then loads again", async () => {
    const c = counted("test_cache_a");
    await untilLoaded(c, 1);
    // Cached from the moment the subscription is in force (loads before that are not kept).
    await sleep(100);
    await c.get();
    const before = c.loads();
    expect(await c.get()).toBe(before);
    expect(await c.get()).toBe(before);
    expect(c.loads()).toBe(before);
    await t.db.execute(sql`select pg_notify('test_cache_a', '')`);
    expect(await untilLoaded(c, before + 1)).toBe(before + 1);
    // Another channel's news changes nothing.
    const now = c.loads();
    await t.db.execute(sql`select pg_notify('test_cache_other', '')`);
    await sleep(200);
    await c.get();
    expect(c.loads()).toBe(now);
  });

  it("the triggers announce token and organisation changes, whichever code path makes them", async () => {
    const c = counted("roster_auth_changed");
    await untilLoaded(c, 1);
    await sleep(100);
    const org = await makeOrg(t.db);
    const token = await createScimToken(t.db, { orgId: org.id, actor: operator });
    const changes: [string, () => Promise<unknown>][] = [
      ["token revoked", () => revokeScimToken(t.db, { orgId: org.id, tokenId: token.id, actor: operator })],
      ["token expiry set by hand", () => t.db.update(scimTokens).set({ expiresAt: new Date() }).where(sql`${scimTokens.id} = ${token.id}`)],
      ["organisation updated by hand", () => t.db.execute(sql`update organisations set scim_enabled = false where id = ${org.id}`)],
      ["token deleted", () => t.db.execute(sql`delete from scim_tokens where id = ${token.id}`)],
      // SCIM authentication carries whether the mass-deprovisioning guard is on (lib/scim/tokens.ts).
      ["guard switched off", () => configureGuard(t.db, { orgId: org.id, actor: operator, enabled: false, minCount: 5, percent: 10 })],
      ["guard switched on", () => configureGuard(t.db, { orgId: org.id, actor: operator, enabled: true, minCount: 5, percent: 10 })],
    ];
    for (const [what, change] of changes) {
      await c.get();
      const before = c.loads();
      await change();
      expect(await untilLoaded(c, before + 1), what).toBe(before + 1);
    }
  });

  it("the guard's own lock on every guarded deactivation announces nothing (it would empty every instance's token cache)", async () => {
    const c = counted("roster_auth_changed");
    await untilLoaded(c, 1);
    await sleep(100);
    const org = await makeOrg(t.db, { seats: 5 });
    const { membership } = await inviteMember(t.db, { orgId: org.id, email: `g-${uniq()}@example.com`, actor: scimActor });
    await c.get();
    const before = c.loads();
    await updateMember(t.db, { orgId: org.id, membershipId: membership.id, actor: scimActor, change: { active: false } });
    await sleep(200);
    await c.get();
    expect(c.loads()).toBe(before);
  });
});
