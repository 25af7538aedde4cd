import { randomUUID } from "node:crypto";
import type { Executor } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { isEmail } from "@/lib/validation";
import { pushGroup } from "./directory-groups";
import { loadDirectory, updateDirectory, type DirGroup, type DirPerson, type Directory } from "./directory-store";
import { isScimPersona, resourceId, SCIM_PERSONAS, ScimClient, type ScimResult } from "./scim-client";

/**
 * What an IdP admin does in the directory, each followed by the SCIM call a
 * real IdP would make. The local change is kept even when the push fails
 * (like Okta, the person then shows a provisioning error to retry).
 */
export type Outcome = { notice: string; refused?: boolean };

/** Why Roster last refused this person (kept on them, as an IdP shows a provisioning error to retry). */
async function syncErrorOf(db: Executor, personId: string): Promise<string> {
  return (await loadDirectory(db)).people.find((x) => x.id === personId)?.syncError ?? "see the log below";
}

export function clientFor(db: Executor, d: Directory): ScimClient | null {
  return d.scim.token ? new ScimClient(db, { baseUrl: d.scim.baseUrl, token: d.scim.token, persona: d.scim.persona }) : null;
}

export const noToken = " Not sent to Roster: paste a SCIM token below first.";

export function person(d: Directory, id: string): DirPerson {
  const p = d.people.find((x) => x.id === id);
  if (!p) throw new ValidationError("That person is no longer in the directory.");
  return p;
}

export function group(d: Directory, id: string): DirGroup {
  const g = d.groups.find((x) => x.id === id);
  if (!g) throw new ValidationError("That group is no longer in the directory.");
  return g;
}

async function setPersonSync(db: Executor, id: string, r: ScimResult, scimId?: string | null) {
  await updateDirectory(db, (d) => {
    const p = d.people.find((x) => x.id === id);
    if (!p) return;
    if (scimId !== undefined) p.scimId = scimId;
    p.syncError = r.error;
  });
}

/** Provisions a person Roster does not know yet (POST), or links one it already has (a 409, then a userName lookup). */
export async function ensureProvisioned(db: Executor, client: ScimClient, p: DirPerson): Promise<string | null> {
  if (p.scimId) return p.scimId;
  const created = await client.createUser(p);
  let id = created.status === 201 ? resourceId(created.body) : null;
  if (!id && created.status === 409) {
    const found = await client.findUserByUserName(p.email);
    id = found.status === 200 ? resourceId(found.body) : null;
  }
  await setPersonSync(db, p.id, id ? { ...created, error: null } : created, id);
  return id;
}

function readPersonInput(input: { givenName: string; familyName: string; email: string }) {
  const email = input.email.trim().toLowerCase();
  if (!isEmail(email)) throw new ValidationError(`"${input.email}" is not a valid email address.`);
  const givenName = input.givenName.trim();
  const familyName = input.familyName.trim();
  if (!givenName || !familyName) throw new ValidationError("Enter a given name and a family name.");
  return { email, givenName, familyName };
}

export async function addPerson(db: Executor, input: { givenName: string; familyName: string; email: string }): Promise<Outcome> {
  const values = readPersonInput(input);
  const p: DirPerson = { id: randomUUID(), ...values, active: true, scimId: null, syncError: null };
  const d = await updateDirectory(db, (dir) => {
    if (dir.people.some((x) => x.email === values.email)) throw new ValidationError(`${values.email} is already in the directory.`);
    dir.people.push(p);
  });
  const client = clientFor(db, d);
  if (!client) return { notice: `Added ${values.email}.${noToken}` };
  const id = await ensureProvisioned(db, client, p);
  return id
    ? { notice: `Added ${values.email} and provisioned them in Roster.` }
    : { notice: `Added ${values.email} here, but Roster refused to provision them: ${await syncErrorOf(db, p.id)}`, refused: true };
}

export async function editPerson(db: Executor, id: string, input: { givenName: string; familyName: string; email: string }): Promise<Outcome> {
  const values = readPersonInput(input);
  const d = await updateDirectory(db, (dir) => {
    if (dir.people.some((x) => x.email === values.email && x.id !== id)) throw new ValidationError(`${values.email} is already in the directory.`);
    Object.assign(person(dir, id), values);
  });
  const p = person(d, id);
  const client = clientFor(db, d);
  if (!client) return { notice: `Saved ${p.email}.${noToken}` };
  if (!p.scimId) {
    return (await ensureProvisioned(db, client, p))
      ? { notice: `Saved and provisioned ${p.email}.` }
      : { notice: `Saved ${p.email} here, but Roster refused to provision them: ${await syncErrorOf(db, p.id)}`, refused: true };
  }
  const r = await client.replaceUser(p);
  await setPersonSync(db, id, r);
  if (r.error) return { notice: `Saved ${p.email} here, but Roster refused the change: ${r.error}`, refused: true };
  return { notice: `Saved ${p.email} and sent the change to Roster.` };
}

export async function setPersonActive(db: Executor, id: string, active: boolean): Promise<Outcome> {
  const d = await updateDirectory(db, (dir) => {
    person(dir, id).active = active;
  });
  const p = person(d, id);
  const verb = active ? "Reactivated" : "Suspended";
  const client = clientFor(db, d);
  if (!client) return { notice: `${verb} ${p.email}.${noToken}` };
  if (!p.scimId) {
    return (await ensureProvisioned(db, client, p))
      ? { notice: `${verb} ${p.email}.` }
      : { notice: `${verb} ${p.email} here, but Roster refused to provision them: ${await syncErrorOf(db, p.id)}`, refused: true };
  }
  const r = await client.setActive(p, active);
  await setPersonSync(db, id, r);
  if (r.error) return { notice: `${verb} ${p.email} here, but Roster refused the change: ${r.error}`, refused: true };
  return { notice: `${verb} ${p.email} and sent active: ${active} to Roster.` };
}

export async function deletePerson(db: Executor, id: string): Promise<Outcome> {
  const before = await loadDirectory(db);
  const p = person(before, id);
  const client = clientFor(db, before);
  if (client && p.scimId) {
    const r = await client.deleteUser(p.scimId);
    // 404: Roster has already forgotten them, which is what a delete wants.
    if (r.error && r.status !== 404) {
      await setPersonSync(db, id, r);
      return { notice: `Roster refused to delete ${p.email}: ${r.error}. They stay in the directory.`, refused: true };
    }
  }
  await updateDirectory(db, (dir) => {
    dir.people = dir.people.filter((x) => x.id !== id);
    for (const g of dir.groups) g.memberIds = g.memberIds.filter((m) => m !== id);
  });
  return { notice: `Deleted ${p.email}${client ? " here and in Roster" : ""}.` };
}

/** "Push now": provisions everyone and every group Roster does not have yet (after pasting a token, say). */
export async function pushAll(db: Executor): Promise<Outcome> {
  const d = await loadDirectory(db);
  const client = clientFor(db, d);
  if (!client) throw new ValidationError("Paste a SCIM token from Roster's Security page first.");
  let people = 0;
  for (const p of d.people.filter((x) => !x.scimId)) if (await ensureProvisioned(db, client, p)) people++;
  let groups = 0;
  for (const g of d.groups.filter((x) => !x.scimId)) if (await pushGroup(db, client, g.id)) groups++;
  return { notice: `Provisioned ${people} ${people === 1 ? "person" : "people"} and ${groups} ${groups === 1 ? "group" : "groups"}.` };
}

export async function saveScimSettings(db: Executor, input: { baseUrl: string; token: string; persona?: string }): Promise<Outcome> {
  const baseUrl = input.baseUrl.trim();
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new ValidationError("The SCIM base URL must be an http(s) URL.");
  const persona = input.persona || "okta";
  if (!isScimPersona(persona)) throw new ValidationError(`Unknown IdP "${persona}": choose one of ${Object.keys(SCIM_PERSONAS).join(", ")}.`);
  const token = input.token.trim();
  const d = await updateDirectory(db, (dir) => {
    dir.scim = { baseUrl, token: token || dir.scim.token, persona };
  });
  if (!d.scim.token) return { notice: "Saved the base URL. Paste a token to start provisioning." };
  const r = await new ScimClient(db, { baseUrl, token: d.scim.token, persona }).serviceProviderConfig();
  return r.error ? { notice: `Saved, but Roster refused the token: ${r.error}`, refused: true } : { notice: "Saved. Roster accepted the token." };
}

export async function forgetScimToken(db: Executor): Promise<Outcome> {
  await updateDirectory(db, (dir) => {
    dir.scim.token = null;
  });
  return { notice: "Forgot the SCIM token. Changes stay in the directory until you paste a new one." };
}
