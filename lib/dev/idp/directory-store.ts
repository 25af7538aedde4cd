import type { Executor } from "@/lib/db";
import { demoIdpState } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { demoIdp } from "./config";
import type { ScimPersona } from "./scim-client";
import { writeState } from "./state";

/** The demo IdP's own directory: the people and groups it provisions into Roster over SCIM. */
export interface DirPerson {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  active: boolean;
  /** Roster's id for the person (SCIM `id`), once provisioned. */
  scimId: string | null;
  syncError: string | null;
}

export interface DirGroup {
  id: string;
  displayName: string;
  memberIds: string[];
  scimId: string | null;
  syncError: string | null;
}

export interface ScimLogEntry {
  at: string;
  method: string;
  path: string;
  status: number | null;
  ms: number;
  request?: unknown;
  response?: unknown;
  error?: string;
}

export interface Directory {
  people: DirPerson[];
  groups: DirGroup[];
  /** Like Okta's provisioning tab: base URL and the bearer token pasted from Roster's Security page (dev-only, kept as is). */
  scim: { baseUrl: string; token: string | null; persona?: ScimPersona };
  log: ScimLogEntry[];
}

const KEY = "directory";
const LOG_LIMIT = 60;

const empty = (): Directory => ({ people: [], groups: [], scim: { baseUrl: demoIdp().scimBaseUrl, token: null }, log: [] });

export async function loadDirectory(db: Executor): Promise<Directory> {
  const [row] = await db.select({ value: demoIdpState.value }).from(demoIdpState).where(eq(demoIdpState.key, KEY));
  return { ...empty(), ...(row?.value as Partial<Directory> | undefined) };
}

/**
 * Read-modify-write in one short transaction. SCIM calls happen between
 * updates, never inside one: the embedded database has a single connection,
 * and the SCIM request being made needs it.
 */
export async function updateDirectory(db: Executor, change: (d: Directory) => void): Promise<Directory> {
  return db.transaction(async (tx) => {
    await tx.select({ key: demoIdpState.key }).from(demoIdpState).where(eq(demoIdpState.key, KEY)).for("update");
    const d = await loadDirectory(tx);
    change(d);
    d.log = d.log.slice(0, LOG_LIMIT);
    await writeState(tx, KEY, d);
    return d;
  });
}
