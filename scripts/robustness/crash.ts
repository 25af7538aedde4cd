/**
 * Crash safety (issue 7): provisioning load against a production server on
 * PostgreSQL, SIGKILL mid-load, restart, then prove that every request that
 * got a 201 is fully present, every refused one fully absent, every
 * unanswered one all-or-nothing, the seat counter equal to the truth — and
 * that the invitation emails queued before the crash go out over SMTP after
 * the restart, each once (a second copy only for an email whose send was
 * under way at the moment of the kill, which carries the same Message-ID).
 */
import postgres from "postgres";
import { startAppServer } from "../lib/app-server";
import { startSmtpSink } from "../lib/smtp-sink";
import { send } from "./http";
import { checkInvariants } from "./invariants";
import { secretsInLog } from "./secrets";
import { freshDatabaseWithOrgs } from "./setup";

type Outcome = "acknowledged" | "refused" | "unknown";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrash(opts: { port: number; smtpPort: number; concurrency?: number; killAfterAcknowledged?: number }) {
  const env = await freshDatabaseWithOrgs("roster_crash", [{ name: "Crash Co", seats: 100_000 }]);
  const org = env.orgs[0]!;
  const sink = await startSmtpSink(opts.smtpPort);
  const serverEnv = { SCIM_RATE_LIMIT: "0", SMTP_URL: sink.url };
  const sql = postgres(env.url, { max: 2, onnotice: () => {} });
  const problems: string[] = [];
  try {
    let server = await startAppServer({ port: opts.port, databaseUrl: env.url, env: serverEnv });
    const logFiles = [server.logFile];
    const base = `${server.url}/api/scim/v2`;
    const outcomes = new Map<string, Outcome>();
    let stopping = false;
    const worker = async (w: number) => {
      for (let i = 0; !stopping; i++) {
        const userName = `c${w}-${i}@crash.example`;
        outcomes.set(userName, "unknown");
        try {
          const r = await send(base, {
            method: "POST",
            path: "/Users",
            authorization: `Bearer ${org.token}`,
            body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, name: { givenName: "Crash", familyName: `W${w}` } },
          });
          outcomes.set(userName, r.status === 201 ? "acknowledged" : r.status < 500 ? "refused" : "unknown");
        } catch {
          // connection reset by the kill: the outcome is unknown to the client
        }
      }
    };
    const workers = Array.from({ length: opts.concurrency ?? 16 }, (_, w) => worker(w));
    // Kill once enough creates are through (however fast this machine is), at a moment the load does not choose.
    const target = opts.killAfterAcknowledged ?? 150;
    const started = Date.now();
    while ([...outcomes.values()].filter((o) => o === "acknowledged").length < target && Date.now() - started < 120_000) await sleep(50);
    await sleep(Math.floor(Math.random() * 300));
    await server.stop("SIGKILL");
    stopping = true;
    await Promise.all(workers);
    const [{ pending }] = (await sql`select count(*)::int as pending from email_outbox where status = 'pending'`) as unknown as [{ pending: number }];

    server = await startAppServer({ port: opts.port, databaseUrl: env.url, env: serverEnv });
    logFiles.push(server.logFile);
    const counts = { acknowledged: 0, refused: 0, unknown: 0 };
    for (const o of outcomes.values()) counts[o]++;
    if (counts.acknowledged < 50) problems.push(`only ${counts.acknowledged} creates were acknowledged before the kill; the load was too light to prove anything`);

    const rows = await sql<{ email: string; has_member: boolean; has_invite: boolean; has_event: boolean; has_mail: boolean }[]>`
      select u.email,
             m.id is not null as has_member,
             exists (select 1 from invitations i where i.membership_id = m.id) as has_invite,
             exists (select 1 from event_types e where e.membership_id = m.id and e.is_default) as has_event,
             exists (select 1 from email_outbox o where o."to" = u.email and o.kind = 'invitation') as has_mail
        from users u left join memberships m on m.user_id = u.id
       where u.email like '%@crash.example'`;
    const present = new Map(rows.map((r) => [r.email.toLowerCase(), r]));
    for (const [userName, outcome] of outcomes) {
      const r = present.get(userName);
      const complete = Boolean(r?.has_member && r.has_invite && r.has_event && r.has_mail);
      if (outcome === "acknowledged" && !complete) problems.push(`${userName} got 201 but is ${r ? "incomplete" : "missing"} after the crash`);
      if (outcome === "refused" && r) problems.push(`${userName} was refused but exists`);
      if (outcome === "unknown" && r && !complete) problems.push(`${userName} is half-provisioned: ${JSON.stringify(r)}`);
    }
    for (const email of present.keys()) if (!outcomes.has(email)) problems.push(`${email} exists but was never requested`);
    for (const v of await checkInvariants(sql)) problems.push(`invariant "${v.check}": ${JSON.stringify(v.rows)}`);

    // The outbox drains after the restart (an email leased by the dead process waits for its lease to expire).
    const deadline = Date.now() + 150_000;
    let left = Infinity;
    while (Date.now() < deadline) {
      const [row] = (await sql`select count(*)::int as n from email_outbox where status <> 'sent'`) as unknown as [{ n: number }];
      left = row.n;
      if (left === 0) break;
      await sleep(1000);
    }
    if (left !== 0) problems.push(`${left} emails still unsent 150 s after the restart`);
    const outbox = await sql<{ id: number; attempts: number }[]>`select id, attempts from email_outbox`;
    const byId = new Map<string, number>();
    for (const m of sink.received) if (m.messageId) byId.set(m.messageId, (byId.get(m.messageId) ?? 0) + 1);
    let duplicates = 0;
    for (const e of outbox) {
      const n = byId.get(`<outbox-${e.id}@roster>`) ?? 0;
      if (n === 0) problems.push(`outbox email ${e.id} never reached the SMTP server`);
      if (n > 1) {
        duplicates++;
        if (e.attempts < 2) problems.push(`outbox email ${e.id} was delivered ${n} times without a retry`);
      }
    }
    await server.stop();
    const links = (await sql<{ text: string }[]>`select text from email_outbox`).flatMap((e) => e.text.match(/https?:\/\/\S+/g) ?? []);
    for (const file of logFiles) problems.push(...secretsInLog(file, [org.token, ...links.map((l) => l.split("/").pop()!)]));
    const summary =
      `${outcomes.size} creates: ${counts.acknowledged} acknowledged, ${counts.refused} refused, ${counts.unknown} cut by the kill; ` +
      `${outbox.length} emails (${pending} pending at the crash) all delivered over SMTP, ${duplicates} re-sent after an interrupted send; ` +
      `${problems.length} problems`;
    for (const p of problems.slice(0, 30)) console.log(`✗ ${p}`);
    console.log(summary);
    return { ok: problems.length === 0, summary };
  } finally {
    await sql.end();
    await sink.close();
    await env.drop();
  }
}
