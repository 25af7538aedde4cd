import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisioningLog } from "@/lib/db/schema";
import { drainProvisioningLog, recordRequest, type LogEntry } from "@/lib/scim/log";
import { makeOrg } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/**
 * The log writer sends a batch as one array per column (lib/scim/log.ts): whatever a hostile
 * request puts in a path, a detail or an attribute name must come back out unchanged.
 */
describe(`provisioning log writer (${testDriver()})`, () => {
  it("a batch of awkward rows is stored exactly, in order, nulls as nulls", async () => {
    const org = await makeOrg(t.db);
    const awkward = [
      `/Users?filter=userName eq "a\\"b"`,
      "quote ' and {braces}, commas, NULL, \\backslash\\",
      "NULL",
      "ünïcödé ✓ 𝄞",
      "",
      'tab\tnew\nline "quoted"',
    ];
    const entries: LogEntry[] = awkward.map((text, i) => ({
      orgId: org.id,
      tokenId: null,
      method: i % 2 ? "PATCH" : "GET",
      path: text,
      resourceType: i % 2 ? "User" : null,
      resourceId: i === 1 ? "00000000-0000-4000-8000-000000000001" : null,
      target: i === 2 ? null : text,
      operation: "op",
      status: 200 + i,
      scimType: i === 3 ? "invalidValue" : null,
      detail: i === 4 ? text : null,
      durationMs: i,
      userAgent: text,
      ignoredAttributes: i === 5 ? [text, "x,y", '{"z"}'] : null,
    }));
    // A NUL cannot be stored in PostgreSQL text; the writer replaces it instead of losing the batch.
    entries.push({ orgId: org.id, method: "GET", path: "/Groups/\u0000x", status: 404 });
    for (const e of entries) recordRequest(t.db, e);
    await drainProvisioningLog();
    const rows = await t.db.select().from(provisioningLog).where(eq(provisioningLog.orgId, org.id)).orderBy(asc(provisioningLog.id));
    expect(rows).toHaveLength(entries.length);
    awkward.forEach((text, i) => {
      expect(rows[i]).toMatchObject({
        method: i % 2 ? "PATCH" : "GET",
        path: text,
        resourceType: i % 2 ? "User" : null,
        resourceId: i === 1 ? "00000000-0000-4000-8000-000000000001" : null,
        target: i === 2 ? null : text,
        status: 200 + i,
        scimType: i === 3 ? "invalidValue" : null,
        detail: i === 4 ? text : null,
        durationMs: i,
        userAgent: text,
        ignoredAttributes: i === 5 ? [text, "x,y", '{"z"}'] : null,
        tokenId: null,
      });
    });
    expect(rows.at(-1)).toMatchObject({ path: "/Groups/\uFFFDx", status: 404, durationMs: 0, target: null });
  });
});
