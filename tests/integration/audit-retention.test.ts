import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpiredEntries, setAuditRetention } from "@/lib/audit/retention";
import { auditLog, provisioningLog } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { addSeats } from "@/lib/orgs/billing";
import { ownerOf } from "../helpers/admin-fixtures";
import { makeOrg, operator } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

/**
 * Retention: each organisation keeps its audit trail and provisioning log for
 * its own number of days (one year unless the owner changes it), and the
 * housekeeping job deletes what is older, in batches, idempotently.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** Backdates an organisation's entries (the test's stand-in for time passing). */
async function age(orgId: string, days: number) {
  await t.db.execute(sql`update audit_log set at = now() - make_interval(days => ${days}) where org_id = ${orgId}`);
  await t.db.execute(sql`update provisioning_log set at = now() - make_interval(days => ${days}) where org_id = ${orgId}`);
}
const auditCount = async (orgId: string) => (await t.db.select().from(auditLog).where(eq(auditLog.orgId, orgId))).length;
const logCount = async (orgId: string) => (await t.db.select().from(provisioningLog).where(eq(provisioningLog.orgId, orgId))).length;
const logRow = (orgId: string) => ({ orgId, method: "GET", path: "/api/scim/v2/Users", status: 200 });

describe(`audit retention (${testDriver()})`, () => {
  it("defaults to one year; the owner changes it within bounds, and the change is audited", async () => {
    const org = await makeOrg(t.db);
    expect(org.auditRetentionDays).toBe(365);
    const owner = await ownerOf(t.db, org.id);
    await expect(setAuditRetention(t.db, { orgId: org.id, days: 7, actor: owner.actor })).rejects.toBeInstanceOf(ValidationError);
    await expect(setAuditRetention(t.db, { orgId: org.id, days: 90.5, actor: owner.actor })).rejects.toBeInstanceOf(ValidationError);
    expect(await setAuditRetention(t.db, { orgId: org.id, days: 90, actor: owner.actor })).toBe(90);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "audit.retention_changed"));
    expect(entry).toMatchObject({ orgId: org.id, details: { days: 90, previousDays: 365 } });
  });

  it("deletes entries older than each organisation keeps, in batches, and only those; running again deletes nothing", async () => {
    const short = await makeOrg(t.db);
    const long = await makeOrg(t.db);
    await setAuditRetention(t.db, { orgId: short.id, days: 30, actor: operator });
    for (let i = 0; i < 3; i++) await addSeats(t.db, { orgId: short.id, quantity: 1, actor: operator });
    await addSeats(t.db, { orgId: long.id, quantity: 1, actor: operator });
    await t.db.insert(provisioningLog).values([logRow(short.id), logRow(short.id), logRow(long.id)]);
    await age(short.id, 31);
    await age(long.id, 100);
    // Today's entries stay, whatever the retention.
    await addSeats(t.db, { orgId: short.id, quantity: 1, actor: operator });
    await t.db.insert(provisioningLog).values(logRow(short.id));
    const longBefore = await auditCount(long.id);

    const first = await purgeExpiredEntries(t.db, 2);
    expect(first.audit).toBeGreaterThanOrEqual(5); // organisation.created, owner.created, retention, 3 × seats
    expect(first.provisioning).toBe(2);
    expect(await auditCount(short.id)).toBe(1);
    expect(await logCount(short.id)).toBe(1);
    // 100 days old, kept a year.
    expect(await auditCount(long.id)).toBe(longBefore);
    expect(await logCount(long.id)).toBe(1);

    expect(await purgeExpiredEntries(t.db, 2)).toEqual({ audit: 0, provisioning: 0 });
  });
});
