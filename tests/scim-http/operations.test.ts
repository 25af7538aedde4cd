import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { secretsInLog } from "../../scripts/robustness/secrets";
import { ctx, db, GROUP, logRows, makeScimOrg, newUser, patchBody, ScimClient, USER } from "./support";

/**
 * Issue 18, over real HTTP against the production build: /api/metrics (off,
 * refused, and counting exactly what was done), X-Request-Id on every answer
 * and on the provisioning-log row, and server logs free of the secrets this
 * file handled. The files of this suite run one after another, so nothing
 * else talks to the servers between two scrapes.
 */
const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const handled: string[] = [];

type Samples = Map<string, number>;

async function scrape(base = ctx().appUrl): Promise<Samples> {
  const res = await fetch(`${base}/api/metrics`, { headers: { Authorization: `Bearer ${ctx().metricsToken}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples: Samples = new Map();
  for (const line of (await res.text()).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** `name{a="1",b="2"}` as prom-client writes it (labels in their declared order). */
const series = (name: string, labels: Record<string, string> = {}) => {
  const l = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return l.length ? `${name}{${l.join(",")}}` : name;
};

function moved(before: Samples, after: Samples, names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((n) => [n, (after.get(n) ?? 0) - (before.get(n) ?? 0)]));
}

describe("/api/metrics", () => {
  it("is a 404 on a server without METRICS_TOKEN", async () => {
    const res = await fetch(`${ctx().limitedUrls[1]}/api/metrics`, { headers: { Authorization: `Bearer ${ctx().metricsToken}` } });
    expect(res.status).toBe(404);
  });

  it.each([
    ["no Authorization", () => undefined],
    ["a wrong token", () => "Bearer not-the-metrics-token-at-all"],
    ["the token one character short", (t: string) => `Bearer ${t.slice(0, -1)}`],
    ["the token with a character more", (t: string) => `Bearer ${t}0`],
    ["the token as Basic", (t: string) => `Basic ${t}`],
  ])("refuses %s with 401", async (_, header) => {
    const h = header(ctx().metricsToken);
    const res = await fetch(`${ctx().appUrl}/api/metrics`, { headers: h ? { Authorization: h } : {} });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await res.text()).not.toContain("roster_");
  });

  it("counts SCIM traffic, a refused seat and a failed sign-in by exactly what happened", async () => {
    const org = await makeScimOrg({ seats: 2 });
    handled.push(org.token);
    const before = await scrape();

    const a = await org.client.post("/Users", newUser());
    const b = await org.client.post("/Users", newUser());
    expect([a.status, b.status]).toEqual([201, 201]);
    const refused = await org.client.post("/Users", newUser());
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toMatch(/^No seats available/);
    expect((await org.client.get(`/Users?filter=${encodeURIComponent(`userName eq "${a.json.userName}"`)}`)).status).toBe(200);
    expect((await org.client.get(`/Users/${a.json.id}`)).status).toBe(200);
    expect((await org.client.patch(`/Users/${b.json.id}`, patchBody({ op: "replace", path: "active", value: false }))).status).toBe(200);
    expect((await org.client.get("/Users/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await org.client.post("/Groups", { schemas: [GROUP], displayName: "Ops" })).status).toBe(201);
    expect((await org.client.get("/ServiceProviderConfig")).status).toBe(200);
    expect((await org.client.get("/Schemas")).status).toBe(200);
    const bulk = await org.client.post("/Bulk", { schemas: [BULK], Operations: [{ method: "POST", path: "/Groups", bulkId: "g", data: { displayName: "Bulk" } }] });
    expect(bulk.status).toBe(200);
    expect((await new ScimClient(org.client.base, "scim_not-a-token").get("/Users")).status).toBe(401);
    // A failed sign-in: a SAML post that is not a SAML response.
    const acs = await fetch(`${ctx().appUrl}/api/oauth/saml`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ SAMLResponse: "bm90IGEgU0FNTCByZXNwb25zZQ==", RelayState: "x" }),
    });
    expect(acs.status).toBe(303);
    expect(acs.headers.get("location")).toContain("/login/refused?reason=saml&code=malformed");

    const after = await scrape();
    const req = (method: string, resource: string, status_class: string) => series("roster_scim_requests_total", { method, resource, status_class });
    const took = (method: string, resource: string) => series("roster_scim_request_duration_seconds_count", { method, resource });
    expect(
      moved(before, after, [
        req("POST", "Users", "2xx"),
        req("POST", "Users", "4xx"),
        req("GET", "Users", "2xx"),
        req("GET", "Users", "4xx"),
        req("PATCH", "Users", "2xx"),
        req("POST", "Groups", "2xx"),
        req("GET", "discovery", "2xx"),
        req("POST", "Bulk", "2xx"),
        took("POST", "Users"),
        took("GET", "Users"),
        took("GET", "discovery"),
        series("roster_seat_refusals_total"),
        series("roster_saml_sign_ins_refused_total", { reason: "malformed" }),
        series("roster_saml_sign_ins_accepted_total"),
        series("roster_members", { state: "invited" }),
        series("roster_members", { state: "deactivated" }),
        series("roster_members", { state: "active" }),
      ]),
    ).toEqual({
      [req("POST", "Users", "2xx")]: 2,
      [req("POST", "Users", "4xx")]: 1,
      [req("GET", "Users", "2xx")]: 2,
      // The unknown id, and the request with a bad token (it never reaches a handler, but it is a SCIM request all the same).
      [req("GET", "Users", "4xx")]: 2,
      [req("PATCH", "Users", "2xx")]: 1,
      [req("POST", "Groups", "2xx")]: 1,
      [req("GET", "discovery", "2xx")]: 2,
      [req("POST", "Bulk", "2xx")]: 1,
      [took("POST", "Users")]: 3,
      [took("GET", "Users")]: 4,
      [took("GET", "discovery")]: 2,
      [series("roster_seat_refusals_total")]: 1,
      [series("roster_saml_sign_ins_refused_total", { reason: "malformed" })]: 1,
      [series("roster_saml_sign_ins_accepted_total")]: 0,
      [series("roster_members", { state: "invited" })]: 1,
      [series("roster_members", { state: "deactivated" })]: 1,
      [series("roster_members", { state: "active" })]: 0,
    });
    // Nothing else moved: no 5xx, and every SCIM request above is counted once.
    const total = (s: Samples) => [...s].filter(([k]) => k.startsWith("roster_scim_requests_total{")).reduce((n, [, v]) => n + v, 0);
    expect(total(after) - total(before)).toBe(12);
    expect([...after.keys()].filter((k) => k.includes('status_class="5xx"') && (after.get(k) ?? 0) > (before.get(k) ?? 0))).toEqual([]);
    // The outbox gauges are there (their values follow the delivery worker, which runs on its own time).
    expect(after.get(series("roster_email_outbox_pending"))).toBeGreaterThanOrEqual(0);
    expect(after.get(series("roster_email_outbox_oldest_pending_age_seconds"))).toBeGreaterThanOrEqual(0);
    expect(after.has(series("roster_email_deliveries_total", { outcome: "gave_up" }))).toBe(true);
    // Labels never carry an organisation, a token or a person.
    for (const key of after.keys()) expect(key).not.toMatch(new RegExp(`${org.id}|${org.tokenId}|corp\\.example`));
  });

  it("counts the rate limit's refusals, on the instance that refused", async () => {
    const [limited] = ctx().limitedUrls;
    const org = await makeScimOrg({ baseUrl: limited });
    handled.push(org.token);
    const before = await scrape(limited);
    const statuses: number[] = [];
    for (let i = 0; i < ctx().rateLimit + 3; i++) statuses.push((await org.client.get("/ServiceProviderConfig")).status);
    const refusals = statuses.filter((s) => s === 429).length;
    // Normally 3; fewer only if a minute began during the burst. Either way the counter says what the IdP got.
    expect(refusals).toBeGreaterThan(0);
    const after = await scrape(limited);
    expect(moved(before, after, [series("roster_rate_limit_refusals_total", { limit: "scim" })])).toEqual({
      [series("roster_rate_limit_refusals_total", { limit: "scim" })]: refusals,
    });
  });
});

describe("X-Request-Id", () => {
  it("a sane incoming id comes back and lands on the provisioning-log row", async () => {
    const org = await makeScimOrg();
    handled.push(org.token);
    const id = `idp-${Date.now()}.check_1`;
    const r = await org.client.post("/Users", newUser(), { "X-Request-Id": id });
    expect(r.status).toBe(201);
    expect(r.headers.get("x-request-id")).toBe(id);
    const [row] = await logRows(org.id, 1);
    expect(row).toMatchObject({ request_id: id, method: "POST", status: 201 });
  });

  it.each([
    ["too long", "a".repeat(65)],
    ["with a space", "two words"],
    ["with markup", "<b>id</b>"],
    ["with a quote", 'x"y'],
  ])("an incoming id %s is replaced by a new one, which the row keeps", async (_, bad) => {
    const org = await makeScimOrg();
    handled.push(org.token);
    const r = await org.client.get("/Users", { "X-Request-Id": bad });
    const id = r.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [row] = await logRows(org.id, 1);
    expect(row!.request_id).toBe(id);
  });

  it("every answer carries one: errors, refused tokens, each request its own; a Bulk request's operations share it", async () => {
    const org = await makeScimOrg();
    handled.push(org.token);
    const ids = new Set<string>();
    for (const r of [
      await org.client.get("/Users/not-a-uuid"),
      await org.client.post("/Users", { schemas: [USER] }),
      await new ScimClient(org.client.base, "").get("/Users"),
      await org.client.get("/ServiceProviderConfig"),
    ]) {
      expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(r.headers.get("x-request-id")!);
    }
    expect(ids.size).toBe(4);
    const bulk = await org.client.post(
      "/Bulk",
      { schemas: [BULK], Operations: [{ method: "POST", path: "/Users", bulkId: "a", data: newUser() }, { method: "POST", path: "/Users", bulkId: "b", data: newUser() }] },
      { "X-Request-Id": "bulk-1" },
    );
    expect(bulk.status).toBe(200);
    const { db: d } = await db();
    for (let i = 0; i < 50; i++) {
      const rows = (await d.execute(sql`select request_id from provisioning_log where org_id = ${org.id} and operation like 'bulk%'`)) as unknown as { request_id: string }[];
      if (rows.length >= 3) {
        expect(rows.map((r) => r.request_id)).toEqual(["bulk-1", "bulk-1", "bulk-1"]);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the Bulk request's rows never arrived");
  });

  it("Roster's own API answers with one too (admin routes, bookings, the SAML ACS)", async () => {
    const admin = await fetch(`${ctx().appUrl}/api/admin/members`, { method: "POST", headers: { "X-Request-Id": "admin-1", Origin: ctx().appUrl }, body: "{}" });
    expect(admin.status).toBe(401);
    expect(admin.headers.get("x-request-id")).toBe("admin-1");
    const booking = await fetch(`${ctx().appUrl}/api/bookings`, { method: "POST", body: "not json" });
    expect(booking.status).toBe(400);
    expect(booking.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const acs = await fetch(`${ctx().appUrl}/api/oauth/saml`, { method: "POST", redirect: "manual", headers: { "X-Request-Id": "acs-1" } });
    expect(acs.status).toBe(303);
    expect(acs.headers.get("x-request-id")).toBe("acs-1");
  });
});

describe("server logs", () => {
  it("hold a JSON line for each request, with its id, and none of the secrets this file used", async () => {
    // Let the last lines reach the file.
    await new Promise((r) => setTimeout(r, 200));
    const [main] = ctx().logFiles;
    const { readFileSync } = await import("node:fs");
    const lines = readFileSync(main!, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.reqId === "admin-1")).toMatchObject({ msg: "request", area: "admin", method: "POST", path: "/api/admin/members", status: 401 });
    expect(lines.find((l) => l.reqId === "bulk-1")).toMatchObject({ msg: "request", area: "scim", method: "POST", path: "/api/scim/v2/Bulk", status: 200, operation: "bulk" });
    const refusal = lines.find((l) => l.reqId === "acs-1");
    expect(refusal).toMatchObject({ area: "oauth", status: 303, refused: "saml:malformed" });
    for (const file of ctx().logFiles.slice(0, 2)) expect(secretsInLog(file, [...handled, ctx().metricsToken])).toEqual([]);
  });
});

afterAll(() => {
  handled.length = 0;
});
