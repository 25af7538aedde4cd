import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deprovisionings, heldDeprovisionings, memberships, organisationSeats, seatWaitlist } from "@/lib/db/schema";
import { addSeats } from "@/lib/orgs/billing";
import { configureGuard } from "@/lib/orgs/deprovision-guard";
import { admitWaiting } from "@/lib/orgs/seat-waitlist";
import { ctx, db, ERROR, logRows, makeScimOrg, newUser, operator, patchBody, ScimClient, type ScimOrg } from "./support";

/**
 * Issue 16 over real HTTP: the mass-deprovisioning guard's threshold holds
 * when two app instances deactivate in parallel, its answer is a SCIM 429
 * with Retry-After and a detail that says where to confirm; and the seat
 * waiting list catches a refused create whose retried POST then links to the
 * member an admin added.
 */

/** An organisation of `size` members provisioned over SCIM (no owner: every one may be deactivated). */
async function orgWith(size: number, guard: "on" | "off" = "on"): Promise<{ org: ScimOrg; ids: string[] }> {
  const org = await makeScimOrg({ seats: size + 5 });
  // Before the first request, so the servers' first read of the token already says "off"
  // (announcing the switch to servers that cached it is tests/integration/change-cache.test.ts's).
  if (guard === "off") await configureGuard((await db()).db, { orgId: org.id, actor: operator, enabled: false, minCount: 5, percent: 10 });
  const ids: string[] = [];
  for (let i = 0; i < size; i += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, size - i) }, () => org.client.post("/Users", newUser())));
    for (const r of batch) {
      expect(r.status).toBe(201);
      ids.push(r.json.id);
    }
  }
  return { org, ids };
}

const deactivation = patchBody({ op: "replace", path: "active", value: false });

describe("the mass-deprovisioning guard over HTTP", () => {
  it("two instances deactivating 24 of 40 people in parallel: exactly 5 apply, the rest are held with 429 + Retry-After", async () => {
    const { org, ids } = await orgWith(40);
    const second = new ScimClient(`${ctx().secondUrl}/api/scim/v2`, org.token);
    const replies = await Promise.all(
      ids.slice(0, 24).map((id, i) => (i % 2 === 0 ? org.client : second).patch(`/Users/${id}`, deactivation)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200 || s === 204)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(19);
    const { db: d } = await db();
    const [n] = await d
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.state, "deactivated")));
    expect(n!.n).toBe(5);
    const [seats] = await d.select().from(organisationSeats).where(eq(organisationSeats.orgId, org.id));
    expect(seats!.held).toBe(35);
    const held = await d.select().from(heldDeprovisionings).where(eq(heldDeprovisionings.orgId, org.id));
    expect(held).toHaveLength(19);
  });

  it("switched off by the owner: two instances deactivate and delete everyone in parallel, nothing is held or counted", async () => {
    const { org, ids } = await orgWith(30, "off");
    const { db: d } = await db();
    const second = new ScimClient(`${ctx().secondUrl}/api/scim/v2`, org.token);
    const client = (i: number) => (i % 2 === 0 ? org.client : second);
    const deactivated = await Promise.all(ids.slice(0, 20).map((id, i) => client(i).patch(`/Users/${id}`, deactivation)));
    expect(deactivated.map((r) => r.status).filter((s) => s !== 200 && s !== 204)).toEqual([]);
    const deleted = await Promise.all(ids.slice(20).map((id, i) => client(i).delete(`/Users/${id}`)));
    expect(deleted.map((r) => r.status)).toEqual(ids.slice(20).map(() => 204));
    const states = await d.select({ state: memberships.state }).from(memberships).where(eq(memberships.orgId, org.id));
    expect(states.map((r) => r.state)).toEqual(ids.slice(0, 20).map(() => "deactivated"));
    const [counted] = await d.select({ n: sql<number>`count(*)::int` }).from(deprovisionings).where(eq(deprovisionings.orgId, org.id));
    expect(counted!.n).toBe(0);
    const [seats] = await d.select().from(organisationSeats).where(eq(organisationSeats.orgId, org.id));
    expect(seats!.held).toBe(0);
  });

  it("the held answer: 429, Retry-After, a SCIM error naming what happened and where to confirm; deletes too; the log has it", async () => {
    const { org, ids } = await orgWith(12);
    for (const id of ids.slice(0, 5)) expect((await org.client.delete(`/Users/${id}`)).status).toBe(204);
    const held = await org.client.patch(`/Users/${ids[5]}`, deactivation);
    expect(held.status).toBe(429);
    expect(held.headers.get("retry-after")).toBe("900");
    expect(held.headers.get("content-type")).toContain("application/scim+json");
    expect(held.json.schemas).toEqual([ERROR]);
    expect(held.json.status).toBe("429");
    expect(held.json.detail).toMatch(/^Held by Roster's mass-deprovisioning guard: this deactivation of user\..* would make more than 5 deactivations and deletions in Scim Org .* within an hour\. Nothing was changed\./);
    expect(held.json.detail).toContain(`${ctx().appUrl}/admin/users`);
    const deleted = await org.client.delete(`/Users/${ids[6]}`);
    expect(deleted.status).toBe(429);
    expect(deleted.json.detail).toContain("this deletion of");
    // A PUT with active false is a deactivation too; a rename of the same person is not held.
    const current = await org.client.get(`/Users/${ids[7]}`);
    const { id: _id, meta: _meta, groups: _groups, ...resource } = current.json;
    expect((await org.client.put(`/Users/${ids[7]}`, { ...resource, active: false })).status).toBe(429);
    expect((await org.client.put(`/Users/${ids[7]}`, { ...resource, displayName: "Renamed" })).status).toBe(200);
    expect((await org.client.post("/Users", newUser())).status).toBe(201);
    const rows = await logRows(org.id, 12 + 5 + 5);
    const heldRows = rows.filter((r) => r.status === 429);
    expect(heldRows).toHaveLength(3);
    for (const r of heldRows) expect(String(r.detail)).toMatch(/^Held by Roster's mass-deprovisioning guard/);
  });
});

describe("the seat waiting list over HTTP", () => {
  it("a refused create waits; after an admin adds seats and the person, the IdP's userName lookup and retried POST find the same member", async () => {
    const org = await makeScimOrg({ seats: 1, owner: true });
    const { db: d } = await db();
    const externalId = `okta-${Date.now()}`;
    const body = { ...newUser(), externalId };
    const refused = await org.client.post("/Users", body);
    expect(refused.status).toBe(403);
    expect((await org.client.post("/Users", body)).status).toBe(403);
    const waiting = await d.select().from(seatWaitlist).where(eq(seatWaitlist.orgId, org.id));
    expect(waiting.map((w) => [w.userName, w.externalId, w.kind])).toEqual([[body.userName, body.externalId, "create"]]);
    expect(waiting[0]!.payload).toMatchObject({ userName: body.userName, externalId: body.externalId });

    await addSeats(d, { orgId: org.id, quantity: 1, actor: operator });
    const { added } = await admitWaiting(d, { orgId: org.id, actor: operator });
    const id = added[0]!.membership.id;

    // Okta and Entra look the user up by userName before creating, in the shapes ../shared/scim/idp-requests.json
    // recorded: Okta's %20-encoded filter with startIndex and count, Entra's +-encoded one.
    const okta = `/Users?filter=userName%20eq%20%22${encodeURIComponent(body.userName)}%22&startIndex=1&count=100`;
    const entra = `/Users?filter=userName+eq+%22${encodeURIComponent(body.userName)}%22`;
    for (const path of [okta, entra]) {
      const lookup = await org.client.get(path);
      expect(lookup.json.totalResults).toBe(1);
      expect(lookup.json.Resources[0]!.id).toBe(id);
      expect(lookup.json.Resources[0]!.externalId).toBe(body.externalId);
    }
    // An IdP that POSTs again anyway (it never got an id) gets that member: no second account, no second seat.
    const retried = await org.client.post("/Users", body);
    expect(retried.status).toBe(201);
    expect(retried.json.id).toBe(id);
    expect(retried.headers.get("location")).toContain(`/Users/${id}`);
    const [seats] = await d.select().from(organisationSeats).where(eq(organisationSeats.orgId, org.id));
    expect(seats).toMatchObject({ seats: 2, held: 2 });
    // From then on a duplicate is the usual 409.
    expect((await org.client.post("/Users", body)).status).toBe(409);
  });

  it("a refused reactivation waits; the IdP's own reactivation once a seat is free, or its delete, takes the entry away", async () => {
    const org = await makeScimOrg({ seats: 2 });
    const { db: d } = await db();
    const waitingFor = async () => (await d.select().from(seatWaitlist).where(eq(seatWaitlist.orgId, org.id))).map((w) => [w.userName, w.kind]);
    const a = await org.client.post("/Users", newUser());
    const b = await org.client.post("/Users", newUser());
    expect((await org.client.patch(`/Users/${a.json.id}`, deactivation)).status).toBe(200);
    expect((await org.client.patch(`/Users/${b.json.id}`, deactivation)).status).toBe(200);
    // Both seats are taken by newcomers while a and b are out.
    for (let i = 0; i < 2; i++) expect((await org.client.post("/Users", newUser())).status).toBe(201);
    const reactivation = patchBody({ op: "replace", path: "active", value: true });
    expect((await org.client.patch(`/Users/${a.json.id}`, reactivation)).status).toBe(403);
    expect((await org.client.patch(`/Users/${b.json.id}`, reactivation)).status).toBe(403);
    expect((await waitingFor()).sort()).toEqual([[a.json.userName, "reactivate"], [b.json.userName, "reactivate"]].sort());

    // A seat comes; the IdP's retry gets it and a is no longer waiting.
    await addSeats(d, { orgId: org.id, quantity: 1, actor: operator });
    const back = await org.client.patch(`/Users/${a.json.id}`, reactivation);
    expect(back.status).toBe(200);
    expect(back.json.active).toBe(true);
    expect(await waitingFor()).toEqual([[b.json.userName, "reactivate"]]);
    // The IdP deletes b instead: nobody is waiting.
    expect((await org.client.delete(`/Users/${b.json.id}`)).status).toBe(204);
    expect(await waitingFor()).toEqual([]);
  });
});
