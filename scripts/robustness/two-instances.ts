/**
 * Two app instances on one PostgreSQL (issue 7): SCIM traffic split across
 * both keeps seats exact and the rate limit global; a session made through
 * one instance works on the other; a deactivation through one ends the
 * session on the other at its next request; a revoked token or SCIM turned
 * off is refused by both within a second, though each caches tokens.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { startAppServer, type AppServer } from "../lib/app-server";
import { send } from "./http";
import { checkInvariants } from "./invariants";
import { secretsInLog } from "./secrets";
import { freshDatabaseWithOrgs } from "./setup";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const RATE_LIMIT = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  }));
}

/** The magic-link sign-in over plain HTTP: link asked for on `ask`, opened on `open`. Returns the session cookie. */
async function signIn(ask: AppServer, open: AppServer, email: string, sql: postgres.Sql): Promise<string> {
  const csrf = await fetch(`${ask.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${ask.url}/api/auth/signin/email`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/", json: "true" }),
  });
  if (res.status >= 400) throw new Error(`sign-in request failed: ${res.status}`);
  let link: string | undefined;
  for (let i = 0; i < 50 && !link; i++) {
    const [row] = await sql<{ text: string }[]>`select text from email_outbox where "to" = ${email} and kind = 'magic_link' order by id desc limit 1`;
    link = row?.text.match(/https?:\/\/\S+/)?.[0];
    if (!link) await sleep(100);
  }
  if (!link) throw new Error("no sign-in email");
  const onOther = new URL(link);
  const target = `${open.url}${onOther.pathname}${onOther.search}`;
  const cb = await fetch(target, { redirect: "manual", headers: { cookie: csrfCookie } });
  const session = cb.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`no session cookie from the callback (status ${cb.status})`);
  return session.split(";")[0]!;
}

/** A member's own page (/me, "My event types"): 200 while the session is good, a redirect to sign-in after. */
async function home(server: AppServer, cookie: string) {
  const r = await fetch(`${server.url}/me`, { redirect: "manual", headers: { cookie } });
  return { status: r.status, location: r.headers.get("location"), text: r.status === 200 ? await r.text() : "" };
}

/** Every SCIM request this suite sends, by bearer token: each must leave one provisioning-log row. */
const sent = new Map<string, number>();
const sendScim: typeof send = (base, req) => {
  if (req.authorization) sent.set(req.authorization, (sent.get(req.authorization) ?? 0) + 1);
  return send(base, req);
};

export async function runTwoInstances(opts: { ports: [number, number] }) {
  const env = await freshDatabaseWithOrgs("roster_two", [
    { name: "Twin Co", seats: 41 },
    { name: "Rate Co", seats: 5 },
    { name: "Session Co", seats: 5 },
    { name: "Switch Co", seats: 5 },
    { name: "Revoke Co", seats: 5 },
  ]);
  type Org = (typeof env.orgs)[0];
  const [twin, rate, sess, switched, revoked] = env.orgs as [Org, Org, Org, Org, Org];
  // Every instance must share AUTH_SECRET (it signs sign-in links and cookies).
  const shared = { SCIM_RATE_LIMIT: String(RATE_LIMIT), AUTH_SECRET: randomBytes(32).toString("base64url") };
  const [s1, s2] = await Promise.all(opts.ports.map((port) => startAppServer({ port, databaseUrl: env.url, env: shared })));
  const servers = [s1!, s2!];
  const sql = postgres(env.url, { max: 2, onnotice: () => {} });
  const problems: string[] = [];
  const notes: string[] = [];
  try {
    // 1. Seats: 100 creates split across both instances into 40 free seats.
    const statuses: number[] = [];
    await pool([...Array(100).keys()], 16, async (i) => {
      const r = await sendScim(`${servers[i % 2]!.url}/api/scim/v2`, {
        method: "POST",
        path: "/Users",
        authorization: `Bearer ${twin.token}`,
        body: { schemas: [USER], userName: `t${i}@twin.example` },
      });
      statuses.push(r.status);
    });
    const created = statuses.filter((s) => s === 201).length;
    const refused = statuses.filter((s) => s === 403).length;
    notes.push(`seats: ${created} × 201, ${refused} × 403 of 100 across 2 instances`);
    if (created !== 40 || refused !== 60) problems.push(`expected exactly 40 creates and 60 seat refusals, got ${created} and ${refused} (${[...new Set(statuses)]})`);
    const [org] = await sql<{ seats: number; held: number }[]>`select seats, held from organisation_seats where org_id = ${twin.id}`;
    if (org!.held !== 41) problems.push(`seats held is ${org!.held}, expected 41 of 41`);

    // 2. Rate limit: one budget per token per minute, whichever instance answers.
    const second = new Date().getUTCSeconds();
    if (second > 35) await sleep((62 - second) * 1000);
    const t0 = Date.now();
    const rateStatuses: { status: number; retryAfter: string | null }[] = [];
    await pool([...Array(RATE_LIMIT + 100).keys()], 8, async (i) => {
      const r = await sendScim(`${servers[i % 2]!.url}/api/scim/v2`, { method: "GET", path: "/ServiceProviderConfig", authorization: `Bearer ${rate.token}` });
      rateStatuses.push({ status: r.status, retryAfter: r.headers.get("retry-after") });
    });
    const allowed = rateStatuses.filter((r) => r.status === 200).length;
    const throttled = rateStatuses.filter((r) => r.status === 429);
    notes.push(`rate limit: ${allowed} allowed, ${throttled.length} × 429 of ${rateStatuses.length} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (allowed !== RATE_LIMIT || throttled.length !== 100) problems.push(`expected ${RATE_LIMIT} allowed and 100 throttled across both instances, got ${allowed} and ${throttled.length}`);
    if (throttled.some((r) => !/^\d+$/.test(r.retryAfter ?? ""))) problems.push("a 429 without an integer Retry-After");

    // 3. Sessions: made through instance 2, used on both; deactivated through instance 2, refused on instance 1.
    const member = await sendScim(`${s1!.url}/api/scim/v2`, {
      method: "POST",
      path: "/Users",
      authorization: `Bearer ${sess.token}`,
      body: { schemas: [USER], userName: "sam@session.example", name: { givenName: "Sam", familyName: "Twin" } },
    });
    const memberId = (member.json as { id?: string }).id;
    if (!memberId) throw new Error(`could not provision the session test member: ${member.status} ${member.text}`);
    // The member accepted their invitation (that flow has its own tests): make them active.
    await sql`update memberships set state = 'active', joined_at = now() where id = ${memberId}`;
    const cookie = await signIn(s1!, s2!, "sam@session.example", sql);
    for (const s of servers) {
      const h = await home(s, cookie);
      if (h.status !== 200 || !h.text.includes("Sam Twin")) problems.push(`session from instance 2 not valid on ${s.url}: ${h.status} ${h.location ?? ""}`);
    }
    const off = await sendScim(`${s2!.url}/api/scim/v2`, {
      method: "PATCH",
      path: `/Users/${memberId}`,
      authorization: `Bearer ${sess.token}`,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] },
    });
    if (off.status !== 200 && off.status !== 204) problems.push(`deactivation failed: ${off.status} ${off.text}`);
    const after = await home(s1!, cookie);
    if (after.status === 200) problems.push("instance 1 still serves the session after instance 2 deactivated the member");
    else notes.push(`deactivated through instance 2 → instance 1 answers ${after.status} → ${after.location}`);

    // 4. Each instance keeps tokens and organisation settings in memory (lib/scim/tokens.ts): revoking a
    // token or turning SCIM off, by any path (here: plain SQL, as psql or another instance would), is
    // refused by both instances within a second.
    const refusedWithin = async (what: string, token: string, expected: number) => {
      for (const s of servers) {
        const warm = await sendScim(`${s.url}/api/scim/v2`, { method: "GET", path: "/ServiceProviderConfig", authorization: `Bearer ${token}` });
        if (warm.status !== 200) problems.push(`${what}: ${s.url} did not accept the token beforehand (${warm.status})`);
      }
      return async (change: () => Promise<unknown>) => {
        await change();
        const t0 = Date.now();
        const took: number[] = [];
        for (const s of servers) {
          for (;;) {
            const r = await sendScim(`${s.url}/api/scim/v2`, { method: "GET", path: "/ServiceProviderConfig", authorization: `Bearer ${token}` });
            if (r.status === expected) break;
            if (Date.now() - t0 > 1_000) {
              problems.push(`${what}: ${s.url} still answers ${r.status} more than a second later (expected ${expected})`);
              break;
            }
            await sleep(10);
          }
          took.push(Date.now() - t0);
        }
        notes.push(`${what}: ${expected} on both instances after ${took.join(" and ")} ms`);
      };
    };
    const scimOff = await refusedWithin("SCIM turned off", switched.token, 403);
    await scimOff(() => sql`update organisations set scim_enabled = false where id = ${switched.id}`);
    const revoke = await refusedWithin("token revoked", revoked.token, 401);
    await revoke(() => sql`update scim_tokens set revoked_at = now() where org_id = ${revoked.id}`);

    // 5. A graceful stop (SIGTERM) in the middle of a burst: the requests in flight are answered and every
    // answered request has its provisioning-log row before the process exits. (A request that reaches a
    // server already closed is refused at the socket, never handled: it is not counted.)
    const burstAuth = `Bearer ${sess.token}`;
    let burstAnswered = 0;
    const burst = Array.from({ length: 120 }, (_, i) =>
      send(`${servers[i % 2]!.url}/api/scim/v2`, { method: "GET", path: "/Users?count=1", authorization: burstAuth }).then(
        () => void burstAnswered++,
        () => {},
      ),
    );
    await sleep(15);
    await Promise.all([...servers.map((s) => s.stop()), ...burst]);
    sent.set(burstAuth, (sent.get(burstAuth) ?? 0) + burstAnswered);
    notes.push(`stopped during a burst: ${burstAnswered} of 120 answered`);
    const logged = new Map((await sql<{ org: string; n: number }[]>`select org_id as org, count(*)::int as n from provisioning_log group by org_id`).map((r) => [r.org, r.n]));
    for (const o of env.orgs) {
      const want = sent.get(`Bearer ${o.token}`) ?? 0;
      if ((logged.get(o.id) ?? 0) !== want) problems.push(`provisioning log of ${o.slug}: ${logged.get(o.id) ?? 0} rows for ${want} answered requests`);
    }
    notes.push(`provisioning log after a graceful stop: ${[...logged.values()].reduce((a, b) => a + b, 0)} rows for ${[...sent.values()].reduce((a, b) => a + b, 0)} requests`);

    for (const v of await checkInvariants(sql)) problems.push(`invariant "${v.check}": ${JSON.stringify(v.rows)}`);
    const magic = (await sql<{ text: string }[]>`select text from email_outbox where kind = 'magic_link'`).map((e) => new URL(e.text.match(/https?:\/\/\S+/)![0]).searchParams.get("token") ?? "");
    for (const s of servers) problems.push(...secretsInLog(s.logFile, [twin.token, rate.token, sess.token, switched.token, revoked.token, cookie.split("=")[1]!, ...magic]));
    for (const p of problems) console.log(`✗ ${p}`);
    for (const n of notes) console.log(`· ${n}`);
    return { ok: problems.length === 0, summary: `${notes.join("; ")}; ${problems.length} problems` };
  } finally {
    await sql.end();
    await Promise.all(servers.map((s) => s.stop()));
    await env.drop();
  }
}
