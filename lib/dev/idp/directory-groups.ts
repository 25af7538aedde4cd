import { randomUUID } from "node:crypto";
import type { Executor } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { clientFor, ensureProvisioned, group, noToken, person, type Outcome } from "./directory";
import { loadDirectory, updateDirectory, type DirGroup } from "./directory-store";
import { resourceId, type ScimClient } from "./scim-client";

/** Groups in the demo IdP's directory, pushed to Roster's /Groups like an IdP's "push groups". */
export async function addGroup(db: Executor, displayName: string): Promise<Outcome> {
  const name = displayName.trim();
  if (!name) throw new ValidationError("Enter a group name.");
  const g: DirGroup = { id: randomUUID(), displayName: name, memberIds: [], scimId: null, syncError: null };
  const d = await updateDirectory(db, (dir) => {
    if (dir.groups.some((x) => x.displayName.toLowerCase() === name.toLowerCase())) throw new ValidationError(`There is already a group "${name}".`);
    dir.groups.push(g);
  });
  const client = clientFor(db, d);
  if (!client) return { notice: `Created the group ${name}.${noToken}` };
  if (!(await pushGroup(db, client, g.id))) {
    const error = (await loadDirectory(db)).groups.find((x) => x.id === g.id)?.syncError;
    return { notice: `Created the group ${name} here, but Roster refused it: ${error ?? "see the log below"}`, refused: true };
  }
  return { notice: `Created the group ${name}.` };
}

export async function pushGroup(db: Executor, client: ScimClient, groupId: string): Promise<string | null> {
  const d = await loadDirectory(db);
  const g = group(d, groupId);
  if (g.scimId) return g.scimId;
  const members: string[] = [];
  for (const m of g.memberIds) {
    const id = await ensureProvisioned(db, client, person(d, m));
    if (id) members.push(id);
  }
  const r = await client.createGroup(g, members);
  const scimId = r.status === 201 ? resourceId(r.body) : null;
  await updateDirectory(db, (dir) => {
    const x = dir.groups.find((y) => y.id === groupId);
    if (x) Object.assign(x, { scimId, syncError: r.error });
  });
  return scimId;
}

export async function renameGroup(db: Executor, id: string, displayName: string): Promise<Outcome> {
  const name = displayName.trim();
  if (!name) throw new ValidationError("Enter a group name.");
  const d = await updateDirectory(db, (dir) => {
    group(dir, id).displayName = name;
  });
  const g = group(d, id);
  const client = clientFor(db, d);
  if (client && g.scimId) await client.renameGroup(g);
  else if (client) await pushGroup(db, client, id);
  return { notice: `Renamed the group to ${name}.` };
}

export async function deleteGroup(db: Executor, id: string): Promise<Outcome> {
  const d = await loadDirectory(db);
  const g = group(d, id);
  const client = clientFor(db, d);
  if (client && g.scimId) await client.deleteGroup(g.scimId);
  await updateDirectory(db, (dir) => {
    dir.groups = dir.groups.filter((x) => x.id !== id);
  });
  return { notice: `Deleted the group ${g.displayName}.` };
}

export async function setGroupMember(db: Executor, groupId: string, personId: string, member: boolean): Promise<Outcome> {
  const d = await updateDirectory(db, (dir) => {
    const g = group(dir, groupId);
    person(dir, personId);
    g.memberIds = member ? [...new Set([...g.memberIds, personId])] : g.memberIds.filter((m) => m !== personId);
  });
  const g = group(d, groupId);
  const p = person(d, personId);
  const client = clientFor(db, d);
  if (client) {
    const groupScimId = g.scimId ?? (await pushGroup(db, client, groupId));
    const personScimId = await ensureProvisioned(db, client, p);
    // A new group was created with its members already; only an existing one needs the PATCH.
    if (g.scimId && groupScimId && personScimId) await client.changeMember(g, personScimId, member);
  }
  return { notice: `${member ? "Added" : "Removed"} ${p.email} ${member ? "to" : "from"} ${g.displayName}.` };
}

