import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../scripts/lib/app-server";

// The instances sit behind one public URL (APP_URL): that is the SAML audience and ACS URL they all answer for.
const PORTS = { a: Number(process.env.SSO_SUITE_PORT ?? 3410), b: Number(process.env.SSO_SUITE_PORT ?? 3410) + 1, plain: Number(process.env.SSO_SUITE_PORT ?? 3410) + 2 };
const PUBLIC_URL = `http://127.0.0.1:${PORTS.a}`;
process.env.APP_URL = PUBLIC_URL;
process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
const METRICS_TOKEN = randomBytes(24).toString("hex");

const { closeJackson, getJackson, samlRedirects, SSO_PRODUCT } = await import("@/lib/sso/jackson");
const { openDatabase } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { readAuthnRequest } = await import("@/lib/dev/idp/saml-idp");
const { makeOrg, uniq } = await import("../helpers/fixtures");
const { secretsInLog } = await import("../../scripts/robustness/secrets");
const { sql } = await import("drizzle-orm");
const { TestIdp } = await import("../helpers/sso");
const { createPostgresDatabase } = await import("../../scripts/lib/local-database");

type Database = Awaited<ReturnType<typeof openDatabase>>;
let pg: { url: string; drop(): Promise<void> };
let database: Database;
const servers: Partial<Record<keyof typeof PORTS, AppServer>> = {};
let solicitedOrg: string;
let solicitedIdp: InstanceType<typeof TestIdp>;
let openOrg: string;
let openIdp: InstanceType<typeof TestIdp>;

beforeAll(async () => {
  pg = await createPostgresDatabase("roster_sso_servers");
  database = await openDatabase({ url: pg.url, poolSize: 5 });
  await migrate(database);
  await getJackson({ kind: "postgres", url: pg.url });
  solicitedOrg = (await makeOrg(database.db)).id;
  solicitedIdp = new TestIdp();
  await solicitedIdp.connect(database.db, solicitedOrg);
  openOrg = (await makeOrg(database.db)).id;
  openIdp = new TestIdp();
  await openIdp.connect(database.db, openOrg, true);
  const shared = { APP_URL: PUBLIC_URL, NEXTAUTH_URL: PUBLIC_URL, AUTH_SECRET: process.env.AUTH_SECRET!, METRICS_TOKEN };
  servers.a = await startAppServer({ port: PORTS.a, databaseUrl: pg.url, env: shared });
  servers.b = await startAppServer({ port: PORTS.b, databaseUrl: pg.url, env: shared });
  servers.plain = await startAppServer({ port: PORTS.plain, databaseUrl: pg.url, env: { ...shared, ROSTER_DEMO: "0" } });
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.stop()));
  await closeJackson();
  await database?.close();
  await pg?.drop();
});

const at = (s: keyof typeof PORTS) => `http://127.0.0.1:${PORTS[s]}`;

/** Starts an SP-initiated sign-in on one instance, the way next-auth's redirect does. */
async function startSignIn(server: keyof typeof PORTS, orgId: string) {
  const q = new URLSearchParams({
    tenant: orgId,
    product: SSO_PRODUCT,
    client_id: "dummy",
    response_type: "code",
    redirect_uri: samlRedirects().callbackUrl,
    state: randomBytes(8).toString("hex"),
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    scope: "",
  });
  const res = await fetch(`${at(server)}/api/oauth/authorize?${q}`, { redirect: "manual" });
  expect(res.status).toBe(302);
  const idpUrl = new URL(res.headers.get("location")!);
  const request = await readAuthnRequest(idpUrl.searchParams.get("SAMLRequest")!, "redirect");
  return { requestId: request.id, relayState: idpUrl.searchParams.get("RelayState")! };
}

async function postToAcs(server: keyof typeof PORTS, samlResponse: string, relayState?: string): Promise<string> {
  const res = await fetch(`${at(server)}/api/oauth/saml`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState ? { RelayState: relayState } : {}) }),
  });
  expect(res.status).toBe(303);
  return res.headers.get("location")!;
}

describe("SAML across app instances (production build, PostgreSQL)", () => {
  it("a response used on one instance is refused as a replay by another", async () => {
    const onA = await startSignIn("a", solicitedOrg);
    const response = solicitedIdp.response({ email: "someone@example.com", inResponseTo: onA.requestId });
    expect(await postToAcs("a", response, onA.relayState)).toMatch(new RegExp(`^${samlRedirects().callbackUrl}\\?code=`));
    const onB = await startSignIn("b", solicitedOrg);
    expect(await postToAcs("b", response, onB.relayState)).toContain("/login/refused?reason=saml&code=replayed");
  });

  it("the same response posted to two instances at once signs in exactly once", async () => {
    for (let round = 0; round < 5; round++) {
      const response = openIdp.response({ email: "someone@example.com" });
      const outcomes = await Promise.all([postToAcs("a", response), postToAcs("b", response)]);
      expect(outcomes.filter((l) => l.includes("/login/idp?code=")), `round ${round}: ${outcomes.join(" | ")}`).toHaveLength(1);
      expect(outcomes.filter((l) => l.includes("code=replayed"))).toHaveLength(1);
    }
  });

  it("every instance serves the same SP metadata and certificate", async () => {
    const [a, b] = await Promise.all([fetch(`${at("a")}/.well-known/saml.cer`), fetch(`${at("b")}/.well-known/saml.cer`)]);
    expect(await a.text()).toBe(await b.text());
    const meta = await (await fetch(`${at("b")}/.well-known/sp-metadata`)).text();
    expect(meta).toContain(`entityID="${PUBLIC_URL}"`);
    expect(meta).toContain(`${PUBLIC_URL}/api/oauth/saml`);
  });
});

describe("the demo IdP in a production build", () => {
  it("is refused without ROSTER_DEMO=1", async () => {
    for (const path of ["/dev/idp", "/dev/idp/metadata", "/dev/idp/sso?SAMLRequest=x", "/dev/mailbox"]) {
      expect((await fetch(`${at("plain")}${path}`)).status, path).toBe(404);
    }
    const post = await fetch(`${at("plain")}/dev/idp/sso/respond`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "ava@acme.example" }),
    });
    expect(post.status).toBe(404);
    expect(await (await fetch(`${at("plain")}/login`)).text()).not.toContain("demo identity provider");
  });

  it("is served with ROSTER_DEMO=1", async () => {
    const res = await fetch(`${at("a")}/dev/idp/metadata`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`entityID="${PUBLIC_URL}/dev/idp"`);
    expect(await (await fetch(`${at("a")}/login`)).text()).toContain("demo identity provider");
  });
});

/** One sample of instance a's /api/metrics (0 when the series does not exist yet). */
async function sample(name: string): Promise<number> {
  const res = await fetch(`${at("a")}/api/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const line = (await res.text()).split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe("SAML sign-in metrics (issue 18)", () => {
  const posted: string[] = [];

  it("count accepted sign-ins and refusals by reason, on the instance that decided", async () => {
    const names = ["roster_saml_sign_ins_accepted_total", 'roster_saml_sign_ins_refused_total{reason="unknown"}', 'roster_saml_sign_ins_refused_total{reason="replayed"}'];
    const before = await Promise.all(names.map(sample));
    const rows = (await database.db.execute(
      sql`select u.email from memberships m join users u on u.id = m.user_id where m.org_id = ${openOrg} and m.role = 'owner'`,
    )) as unknown as { email: string }[];
    const owner = rows[0]!.email;

    // Accepted: the owner, IdP-initiated, all the way to a session.
    const response = openIdp.response({ email: owner });
    posted.push(response);
    const code = await postToAcs("a", response);
    expect(code).toContain("/login/idp?code=");
    const signedIn = await fetch(code, { redirect: "manual" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe(`${PUBLIC_URL}/`);
    expect(signedIn.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    // Refused by a sign-in rule: the IdP vouches for someone Roster has no account for.
    const stranger = openIdp.response({ email: `nobody-${uniq()}@example.com` });
    posted.push(stranger);
    const refused = await fetch(await postToAcs("a", stranger), { redirect: "manual" });
    expect(refused.headers.get("location")).toContain("/login/refused?reason=unknown");

    // Refused by Roster's checks of the response: the first one again.
    expect(await postToAcs("a", response)).toContain("code=replayed");

    const after = await Promise.all(names.map(sample));
    expect(after.map((v, i) => v - before[i]!)).toEqual([1, 1, 1]);
  });

  it("server logs hold the sign-ins' lines but no SAML response, code, cookie or token", async () => {
    for (const s of [servers.a!, servers.b!]) expect(secretsInLog(s.logFile, [...posted, METRICS_TOKEN])).toEqual([]);
  });
});
