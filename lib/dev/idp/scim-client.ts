import type { Executor } from "@/lib/db";
import type { IdpId } from "@/lib/security/idp-guides";
import { updateDirectory, type DirGroup, type DirPerson, type ScimLogEntry } from "./directory-store";

/**
 * The demo IdP's SCIM client (RFC 7644), the way Okta and Entra provision:
 * POST a user, PUT it when edited, PATCH `active`, DELETE it; POST a group
 * and PATCH its members. Every request and response goes to the directory's
 * log, which the directory page shows.
 */
const SCHEMA = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
};

/**
 * Who the demo IdP says it is (its User-Agent), so it can drive every setup
 * guide's live panel. Okta's is the one its real client sends
 * (../shared/scim/idp-requests.json); the others name their product the way
 * Roster recognises it (lib/security/idp-guides.ts idpFromUserAgent), marked
 * as the demo so nobody mistakes a log line for the real IdP.
 */
export const SCIM_PERSONAS = {
  okta: { name: "Okta", userAgent: "Okta SCIM Client 1.0.0" },
  entra: { name: "Microsoft Entra ID", userAgent: "Microsoft Entra ID SCIM provisioning (Roster demo IdP)" },
  onelogin: { name: "OneLogin", userAgent: "OneLogin SCIM Provisioner (Roster demo IdP)" },
  jumpcloud: { name: "JumpCloud", userAgent: "JumpCloud SCIM 2.0 (Roster demo IdP)" },
  scim: { name: "Another SCIM 2.0 client", userAgent: "Roster demo IdP SCIM client" },
} as const satisfies Partial<Record<IdpId, { name: string; userAgent: string }>>;
export type ScimPersona = keyof typeof SCIM_PERSONAS;
export const isScimPersona = (v: string): v is ScimPersona => Object.hasOwn(SCIM_PERSONAS, v);

export interface ScimResult {
  status: number | null;
  body: unknown;
  /** A one-line reason for the directory page when the request failed. */
  error: string | null;
}

const clip = (v: unknown): unknown => {
  const s = JSON.stringify(v);
  return s && s.length > 4000 ? `${s.slice(0, 4000)}… (truncated)` : v;
};

export class ScimClient {
  constructor(
    private readonly db: Executor,
    private readonly settings: { baseUrl: string; token: string; persona?: ScimPersona },
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<ScimResult> {
    const started = Date.now();
    const entry: ScimLogEntry = { at: new Date().toISOString(), method, path, status: null, ms: 0, request: body };
    let result: ScimResult;
    try {
      const res = await fetch(`${this.settings.baseUrl.replace(/\/+$/, "")}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.settings.token}`,
          "user-agent": SCIM_PERSONAS[this.settings.persona ?? "okta"].userAgent,
          accept: "application/scim+json, application/json",
          ...(body === undefined ? {} : { "content-type": "application/scim+json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text for the log
      }
      const detail = (parsed as { detail?: string } | null)?.detail;
      result = { status: res.status, body: parsed, error: res.ok ? null : `${res.status} ${detail ?? res.statusText}` };
      entry.status = res.status;
      entry.response = clip(parsed);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      result = { status: null, body: null, error: `Could not reach ${this.settings.baseUrl}: ${message}` };
      entry.error = message;
    }
    entry.ms = Date.now() - started;
    await updateDirectory(this.db, (d) => {
      d.log.unshift(entry);
    });
    return result;
  }

  createUser(p: DirPerson) {
    return this.request("POST", "/Users", userResource(p));
  }

  replaceUser(p: DirPerson) {
    return this.request("PUT", `/Users/${encodeURIComponent(p.scimId!)}`, { ...userResource(p), id: p.scimId });
  }

  setActive(p: DirPerson, active: boolean) {
    return this.request("PATCH", `/Users/${encodeURIComponent(p.scimId!)}`, {
      schemas: [SCHEMA.patch],
      Operations: [{ op: "replace", path: "active", value: active }],
    });
  }

  deleteUser(scimId: string) {
    return this.request("DELETE", `/Users/${encodeURIComponent(scimId)}`);
  }

  /** Okta's way of matching a person who already exists on the service provider side. */
  findUserByUserName(userName: string) {
    return this.request("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName.replace(/"/g, '\\"')}"`)}`);
  }

  createGroup(g: DirGroup, memberScimIds: string[]) {
    return this.request("POST", "/Groups", {
      schemas: [SCHEMA.group],
      displayName: g.displayName,
      externalId: g.id,
      members: memberScimIds.map((value) => ({ value })),
    });
  }

  renameGroup(g: DirGroup) {
    return this.request("PATCH", `/Groups/${encodeURIComponent(g.scimId!)}`, {
      schemas: [SCHEMA.patch],
      Operations: [{ op: "replace", path: "displayName", value: g.displayName }],
    });
  }

  changeMember(g: DirGroup, memberScimId: string, add: boolean) {
    return this.request("PATCH", `/Groups/${encodeURIComponent(g.scimId!)}`, {
      schemas: [SCHEMA.patch],
      Operations: add
        ? [{ op: "add", path: "members", value: [{ value: memberScimId }] }]
        : [{ op: "remove", path: `members[value eq "${memberScimId}"]` }],
    });
  }

  deleteGroup(scimId: string) {
    return this.request("DELETE", `/Groups/${encodeURIComponent(scimId)}`);
  }

  serviceProviderConfig() {
    return this.request("GET", "/ServiceProviderConfig");
  }
}

function userResource(p: DirPerson) {
  return {
    schemas: [SCHEMA.user],
    externalId: p.id,
    userName: p.email,
    name: { givenName: p.givenName, familyName: p.familyName, formatted: `${p.givenName} ${p.familyName}`.trim() },
    displayName: `${p.givenName} ${p.familyName}`.trim(),
    emails: [{ value: p.email, type: "work", primary: true }],
    active: p.active,
  };
}

/** The `id` of a created resource, or of the first match of a list response. */
export function resourceId(body: unknown): string | null {
  const b = body as { id?: unknown; Resources?: { id?: unknown }[] } | null;
  if (typeof b?.id === "string") return b.id;
  const first = b?.Resources?.[0]?.id;
  return typeof first === "string" ? first : null;
}
