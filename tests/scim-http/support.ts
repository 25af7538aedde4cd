import { afterAll, inject } from "vitest";
import type { Actor } from "@/lib/audit/actor";
import { openDatabase, type Database } from "@/lib/db/client";
import { createOrganisation, setScimEnabled } from "@/lib/orgs/organisations";
import { createScimToken } from "@/lib/orgs/scim-tokens";
import { uniq } from "../helpers/fixtures";

export const operator: Actor = { kind: "operator" };
export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export const ctx = () => inject("scimHttp");

/** The suite's own connection to the server's database, to check what a request wrote (or did not). */
let shared: Promise<Database> | undefined;
export function db(): Promise<Database> {
  shared ??= openDatabase({ url: ctx().databaseUrl, poolSize: 5 });
  return shared;
}
afterAll(async () => {
  if (shared) await (await shared).close();
  shared = undefined;
});

/** A SCIM response body as the tests read it: resource, list or error fields (each asserted with expect). */
export interface ScimBody {
  schemas: string[];
  id: string;
  userName: string;
  displayName: string;
  externalId?: string;
  active: boolean;
  title?: string;
  name: Record<string, string>;
  emails: { value: string; type?: string; primary?: boolean }[];
  members?: { value: string; display: string; $ref: string; type: string }[];
  groups?: { value: string; display: string; $ref: string; type: string }[];
  meta: { resourceType: string; created: string; lastModified: string; location: string; version: string };
  Resources: ScimBody[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  status: string;
  scimType?: string;
  detail: string;
  [key: string]: unknown;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: ScimBody;
}

export class ScimClient {
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  async request(method: string, path: string, opts: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { Accept: "application/scim+json", ...opts.headers };
    if (this.token && !Object.keys(headers).some((k) => k.toLowerCase() === "authorization")) headers.Authorization = `Bearer ${this.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/scim+json";
    const res = await fetch(`${this.base}${path}`, { method, headers, body, redirect: "manual" });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json: json as ScimBody };
  }
  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, { headers });
  post = (path: string, body: unknown, headers?: Record<string, string>) => this.request("POST", path, { body, headers });
  put = (path: string, body: unknown, headers?: Record<string, string>) => this.request("PUT", path, { body, headers });
  patch = (path: string, body: unknown, headers?: Record<string, string>) => this.request("PATCH", path, { body, headers });
  delete = (path: string, headers?: Record<string, string>) => this.request("DELETE", path, { headers });
}

export interface ScimOrg {
  id: string;
  name: string;
  token: string;
  tokenId: string;
  client: ScimClient;
}

/** An Enterprise organisation with SCIM on and a token, made through the domain functions (as the CLI does). */
export async function makeScimOrg(opts: { seats?: number; owner?: boolean; baseUrl?: string; tokenLabel?: string } = {}): Promise<ScimOrg> {
  const { db: d } = await db();
  const id = uniq();
  const org = await createOrganisation(d, {
    name: `Scim Org ${id}`,
    seats: opts.seats ?? 50,
    ...(opts.owner ? { owner: { email: `owner-${id}@owner.example`, givenName: "Olive", familyName: "Owner" } } : {}),
    actor: operator,
  });
  const token = await d.transaction(async (tx) => {
    await setScimEnabled(tx, org.id, true, operator);
    return createScimToken(tx, { orgId: org.id, actor: operator, label: opts.tokenLabel });
  });
  const base = `${opts.baseUrl ?? ctx().appUrl}/api/scim/v2`;
  return { id: org.id, name: org.name, token: token.token, tokenId: token.id, client: new ScimClient(base, token.token) };
}

let counter = 0;
export function newUser(overrides: Record<string, unknown> = {}) {
  const n = `${uniq()}${counter++}`;
  return {
    schemas: [USER],
    userName: `user.${n}@corp.example`,
    name: { givenName: "Given", familyName: `Family${n}` },
    emails: [{ value: `user.${n}@corp.example`, type: "work", primary: true }],
    active: true,
    ...overrides,
  };
}

export const patchBody = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** Polls until the provisioning log has caught up (it is written just after each response). */
export async function logRows(orgId: string, minimum: number): Promise<Record<string, unknown>[]> {
  const { db: d } = await db();
  const { sql } = await import("drizzle-orm");
  for (let i = 0; i < 50; i++) {
    const rows = (await d.execute(sql`select * from provisioning_log where org_id = ${orgId} order by id`)) as unknown as Record<string, unknown>[];
    if (rows.length >= minimum) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${minimum} provisioning log rows`);
}
