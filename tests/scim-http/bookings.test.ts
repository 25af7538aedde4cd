import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, organisations } from "@/lib/db/schema";
import { markMemberJoined } from "@/lib/orgs/lifecycle";
import { ctx, db, makeScimOrg, newUser } from "./support";

/** The public booking endpoint over real HTTP against the production build. */
async function bookableMember() {
  const org = await makeScimOrg();
  const res = await org.client.post("/Users", newUser());
  expect(res.status).toBe(201);
  const { db: d } = await db();
  await markMemberJoined(d, { orgId: org.id, membershipId: res.json.id });
  const [m] = await d.select({ slug: memberships.slug }).from(memberships).where(eq(memberships.id, res.json.id));
  const [o] = await d.select({ slug: organisations.slug }).from(organisations).where(eq(organisations.id, org.id));
  return { org: o!.slug, member: m!.slug };
}

const book = (host: { org: string; member: string }) =>
  fetch(`${ctx().appUrl}/api/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    // A time in the past: refused with 400 after the limit is counted, so no calendar fills up here.
    body: JSON.stringify({ ...host, event: "30-minute-meeting", startsAt: "2020-01-06T09:00:00Z", name: "Script", email: "script@example.com", timeZone: "UTC" }),
  });

describe("POST /api/bookings", () => {
  it("takes at most 20 booking attempts a minute per member's page (429 with Retry-After), other pages unaffected", async () => {
    const host = await bookableMember();
    const other = await bookableMember();
    const s = new Date().getSeconds(); // the limit counts per clock minute: start well inside one
    if (s > 45) await new Promise((r) => setTimeout(r, (61 - s) * 1000));

    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await book(i % 2 ? { ...host, member: host.member.toUpperCase() } : host)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(400));
    expect(statuses.slice(20)).toEqual([429, 429]);
    const limited = await book(host);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
    expect((await book(other)).status).toBe(400);
  });
});
