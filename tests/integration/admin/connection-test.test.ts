import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "@/lib/db/schema";
import { enableScim } from "@/lib/orgs/scim-settings";
import { testScimConnection } from "@/lib/scim/connection-test";
import { ownerOf } from "../../helpers/admin-fixtures";
import { makeOrg } from "../../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** Stands in for the SCIM endpoint; the e2e suite runs the same check against the real one. */
const answering =
  (status: number, body: unknown, seen: { auth?: string | null; url?: string } = {}): typeof fetch =>
  async (input, init) => {
    seen.url = String(input);
    seen.auth = new Headers(init?.headers).get("authorization");
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/scim+json" } });
  };

describe(`Test connection (${testDriver()})`, () => {
  it("success: calls /Users with the bearer token and reports what it sees", async () => {
    const seen: { auth?: string | null; url?: string } = {};
    const r = await testScimConnection(t.db, { orgId: crypto.randomUUID(), token: " scim_abc " }, answering(200, { totalResults: 1234 }, seen));
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(r.message).toBe("Connected: the SCIM endpoint accepted the token. It can see 1,234 users.");
    expect(seen.auth).toBe("Bearer scim_abc");
    expect(seen.url).toMatch(/\/api\/scim\/v2\/Users\?/);
  });

  it("failure: the endpoint's SCIM detail is passed on", async () => {
    const r = await testScimConnection(
      t.db,
      { orgId: crypto.randomUUID(), token: "scim_revoked" },
      answering(401, { status: "401", detail: "This SCIM token was revoked." }),
    );
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(r.message).toBe("The token was refused (401): This SCIM token was revoked.");
  });

  it("failure without calling: not a SCIM token, another organisation's token, an unreachable server", async () => {
    const never: typeof fetch = async () => {
      throw new Error("must not be called");
    };
    expect((await testScimConnection(t.db, { orgId: crypto.randomUUID(), token: "hunter2" }, never)).message).toMatch(/begin with "scim_"/);

    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    await t.db.update(organisations).set({ ssoConfiguredAt: new Date() }).where(eq(organisations.id, a.id));
    const token = await enableScim(t.db, { orgId: a.id, actor: (await ownerOf(t.db, a.id)).actor, expiresInDays: 30 });
    const other = await testScimConnection(t.db, { orgId: b.id, token: token.token }, never);
    expect(other).toMatchObject({ ok: false });
    expect(other.message).toMatch(/belongs to another organisation/);

    const down: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const unreachable = await testScimConnection(t.db, { orgId: a.id, token: token.token }, down);
    expect(unreachable).toMatchObject({ ok: false, status: null });
    expect(unreachable.message).toMatch(/Could not reach .*\/api\/scim\/v2/);
  });
});
