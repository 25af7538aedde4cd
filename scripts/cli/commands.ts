import fs from "node:fs";
import type { ParseArgsConfig } from "node:util";
import type { Actor } from "@/lib/audit/actor";
import { streamAuditLog } from "@/lib/audit/queries";
import { auditSentence } from "@/lib/audit/sentences";
import type { Db } from "@/lib/db";
import { seedDemo } from "@/lib/dev/seed";
import { env } from "@/lib/env";
import { addSeats } from "@/lib/orgs/billing";
import { configureGuard } from "@/lib/orgs/deprovision-guard";
import { addOwner, createOrganisation, getOrganisationBySlug, setScimEnabled } from "@/lib/orgs/organisations";
import { createScimToken } from "@/lib/orgs/scim-tokens";
import { closeJackson, spInfo } from "@/lib/sso/jackson";
import { setSsoConnection } from "@/lib/sso/connections";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { CliError, report, requireInt, requireString, withDb } from "./io";

const operator: Actor = { kind: "operator" };
type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | undefined>;

const common: Options = { json: { type: "boolean" }, help: { type: "boolean", short: "h" } };

const scimBaseUrl = () => `${env().APP_URL}/api/scim/v2`;

async function orgBySlug(db: Db, values: Values) {
  const slug = requireString(values, "org");
  const org = await getOrganisationBySlug(db, slug);
  if (!org) throw new CliError(`No organisation with slug "${slug}"`);
  return org;
}

/** Turns SCIM on and issues a token, in one transaction. */
async function enableScimWithToken(db: Db, orgId: string, label?: string) {
  return db.transaction(async (tx) => {
    await setScimEnabled(tx, orgId, true, operator);
    return createScimToken(tx, { orgId, actor: operator, label: label ?? "Issued by operator CLI" });
  });
}

export const commands = {
  "create-org": {
    options: {
      ...common,
      name: { type: "string" },
      slug: { type: "string" },
      seats: { type: "string" },
      plan: { type: "string" },
      billing: { type: "string" },
      owner: { type: "string" },
      scim: { type: "boolean" },
      /** "off": no mass-deprovisioning guard (issue 16), for an organisation that removes many people on purpose (a test suite). */
      "deprovision-guard": { type: "string" },
    },
    async run(v: Values) {
      const guard = v["deprovision-guard"];
      if (guard !== undefined && guard !== "on" && guard !== "off") throw new CliError("--deprovision-guard must be on or off");
      const plan = (v.plan ?? "enterprise") as string;
      const billing = (v.billing ?? "card") as string;
      if (!["enterprise", "team", "free"].includes(plan)) throw new CliError("--plan must be enterprise, team or free");
      if (!["card", "invoice"].includes(billing)) throw new CliError("--billing must be card or invoice");
      await withDb(async (db) => {
        const org = await createOrganisation(db, {
          name: requireString(v, "name"),
          slug: typeof v.slug === "string" ? v.slug : undefined,
          seats: requireInt(v, "seats"),
          plan: plan as "enterprise",
          billingMethod: billing as "card",
          owner: typeof v.owner === "string" ? { email: v.owner } : undefined,
          actor: operator,
        });
        const token = v.scim ? await enableScimWithToken(db, org.id) : undefined;
        if (guard === "off") await configureGuard(db, { orgId: org.id, actor: operator, enabled: false, minCount: 5, percent: 10 });
        report(
          v.json as boolean,
          {
            id: org.id,
            slug: org.slug,
            name: org.name,
            seats: requireInt(v, "seats"),
            scimEnabled: Boolean(token),
            scimBaseUrl: scimBaseUrl(),
            ...(token ? { scimToken: token.token, scimTokenId: token.id } : {}),
          },
          `Created ${org.name} (slug ${org.slug}, ${requireInt(v, "seats")} seats).` +
            (token ? `\nSCIM base URL: ${scimBaseUrl()}\nSCIM token (shown once): ${token.token}` : ""),
        );
      });
    },
  },
  "add-seats": {
    options: { ...common, org: { type: "string" }, count: { type: "string" } },
    async run(v: Values) {
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        const r = await addSeats(db, { orgId: org.id, quantity: requireInt(v, "count"), actor: operator });
        report(v.json as boolean, { slug: org.slug, seats: r.seatsAfter }, `${org.name}: ${r.seatsBefore} → ${r.seatsAfter} seats.`);
      });
    },
  },
  "create-owner": {
    options: { ...common, org: { type: "string" }, email: { type: "string" } },
    async run(v: Values) {
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        const email = requireString(v, "email");
        await addOwner(db, { orgId: org.id, owner: { email }, actor: operator });
        report(v.json as boolean, { slug: org.slug, owner: email }, `${email} is now the owner of ${org.name}.`);
      });
    },
  },
  "enable-scim": {
    options: { ...common, org: { type: "string" } },
    async run(v: Values) {
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        const token = await enableScimWithToken(db, org.id);
        report(
          v.json as boolean,
          { id: org.id, slug: org.slug, scimBaseUrl: scimBaseUrl(), scimToken: token.token, scimTokenId: token.id },
          `SCIM enabled for ${org.name}.\nSCIM base URL: ${scimBaseUrl()}\nSCIM token (shown once): ${token.token}`,
        );
      });
    },
  },
  "issue-token": {
    options: { ...common, org: { type: "string" }, label: { type: "string" } },
    async run(v: Values) {
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        const token = await createScimToken(db, {
          orgId: org.id,
          actor: operator,
          label: typeof v.label === "string" ? v.label : "Issued by operator CLI",
        });
        report(v.json as boolean, { slug: org.slug, scimBaseUrl: scimBaseUrl(), scimToken: token.token, scimTokenId: token.id }, `SCIM token for ${org.name} (shown once): ${token.token}`);
      });
    },
  },
  "webhook-add": {
    options: { ...common, org: { type: "string" }, url: { type: "string" }, events: { type: "string" } },
    async run(v: Values) {
      const url = requireString(v, "url");
      const events = requireString(v, "events")
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean);
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        const { endpoint, secret } = await createWebhookEndpoint(db, { org, actor: operator, url, events });
        report(
          v.json as boolean,
          { id: endpoint.id, slug: org.slug, url: endpoint.url, events: endpoint.events, secret },
          `Webhook endpoint ${endpoint.id} for ${org.name}: ${endpoint.url} (${endpoint.events.join(", ")}).\nSigning secret (shown once): ${secret}`,
        );
      });
    },
  },
  "webhook-list": {
    options: { ...common, org: { type: "string" } },
    async run(v: Values) {
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        const endpoints = await listWebhookEndpoints(db, org.id);
        report(
          v.json as boolean,
          { slug: org.slug, endpoints },
          endpoints.length
            ? endpoints.map((e) => `${e.id}  ${e.enabled ? "on " : "off"}  ${e.url}  ${e.events.join(",")}`).join("\n")
            : `${org.name} has no webhook endpoints.`,
        );
      });
    },
  },
  "set-sso": {
    options: { ...common, org: { type: "string" }, metadata: { type: "string" }, "idp-initiated": { type: "boolean" } },
    async run(v: Values) {
      const file = requireString(v, "metadata");
      let xml: string;
      try {
        xml = fs.readFileSync(file, "utf8");
      } catch (e) {
        throw new CliError(`Cannot read the metadata file ${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        try {
          const { connection, replaced } = await setSsoConnection(db, {
            orgId: org.id,
            metadataXml: xml,
            idpInitiated: v["idp-initiated"] === true ? true : undefined,
            actor: operator,
          });
          const sp = spInfo();
          report(
            v.json as boolean,
            {
              slug: org.slug,
              ...sp,
              idpEntityId: connection.idpEntityId,
              ssoUrl: connection.ssoUrl,
              idpInitiated: connection.idpInitiated,
              replaced,
            },
            `${replaced ? "Replaced" : "Configured"} SAML SSO for ${org.name} (IdP ${connection.idpEntityId}).\n` +
              `ACS URL: ${sp.acsUrl}\nEntity ID: ${sp.entityId}\nSP metadata: ${sp.metadataUrl}`,
          );
        } finally {
          await closeJackson();
        }
      });
    },
  },
  audit: {
    options: { ...common, org: { type: "string" }, since: { type: "string" } },
    async run(v: Values) {
      const since = typeof v.since === "string" ? new Date(v.since) : undefined;
      if (since && Number.isNaN(since.getTime())) throw new CliError(`--since must be an ISO date or time (2026-01-31 or 2026-01-31T09:00:00Z), got "${v.since}"`);
      await withDb(async (db) => {
        const org = await orgBySlug(db, v);
        // One line per entry as it is read (newest first): a long trail never sits in memory.
        for await (const e of streamAuditLog(db, { orgId: org.id, since })) {
          const line = v.json
            ? JSON.stringify({
                at: e.at.toISOString(),
                action: e.action,
                actor: { kind: e.actorKind, label: e.actorLabel, userId: e.actorUserId },
                target: { id: e.subjectId, name: e.subjectName, email: e.subjectEmail, label: e.target },
                details: e.details,
                sentence: auditSentence(e),
              })
            : `${e.at.toISOString()}  ${auditSentence(e)}`;
          if (!process.stdout.write(`${line}\n`)) await new Promise((r) => process.stdout.once("drain", r));
        }
      });
    },
  },
  migrate: {
    options: common,
    async run() {
      await withDb(async () => {});
      console.error("Migrations applied.");
    },
  },
  seed: {
    options: common,
    async run() {
      await withDb(async (db) => {
        const { created } = await seedDemo(db);
        console.error(created ? "Demo data loaded: Acme and Globex." : "Demo data already present (Acme exists); nothing changed.");
      });
    },
  },
} satisfies Record<string, { options: Options; run(values: Values): Promise<void> }>;

export type CommandName = keyof typeof commands;
