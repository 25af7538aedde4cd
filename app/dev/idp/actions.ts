"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireDevSurfaces } from "@/lib/dev/guard";
import { addGroup, deleteGroup, renameGroup, setGroupMember } from "@/lib/dev/idp/directory-groups";
import { addPerson, deletePerson, editPerson, forgetScimToken, pushAll, saveScimSettings, setPersonActive, type Outcome } from "@/lib/dev/idp/directory";
import { isDomainError } from "@/lib/errors";

/** Every directory action: dev surfaces only; the outcome (or a validation message) comes back as a banner. */
async function run(fn: () => Promise<Outcome>, anchor = ""): Promise<never> {
  requireDevSurfaces();
  let params: URLSearchParams;
  try {
    // A refusal from Roster is shown as the error it is, not as a green notice.
    const o = await fn();
    params = new URLSearchParams(o.refused ? { error: o.notice } : { notice: o.notice });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    params = new URLSearchParams({ error: e.message });
  }
  redirect(`/dev/idp?${params}${anchor}`);
}

const field = (f: FormData, name: string) => String(f.get(name) ?? "");

export async function addPersonAction(f: FormData) {
  await run(async () =>
    addPerson(await getDb(), { givenName: field(f, "givenName"), familyName: field(f, "familyName"), email: field(f, "email") }),
  );
}

export async function editPersonAction(f: FormData) {
  await run(async () =>
    editPerson(await getDb(), field(f, "id"), { givenName: field(f, "givenName"), familyName: field(f, "familyName"), email: field(f, "email") }),
  );
}

export async function setActiveAction(f: FormData) {
  await run(async () => setPersonActive(await getDb(), field(f, "id"), field(f, "active") === "true"));
}

export async function deletePersonAction(f: FormData) {
  await run(async () => deletePerson(await getDb(), field(f, "id")));
}

export async function addGroupAction(f: FormData) {
  await run(async () => addGroup(await getDb(), field(f, "displayName")), "#groups");
}

export async function renameGroupAction(f: FormData) {
  await run(async () => renameGroup(await getDb(), field(f, "id"), field(f, "displayName")), "#groups");
}

export async function deleteGroupAction(f: FormData) {
  await run(async () => deleteGroup(await getDb(), field(f, "id")), "#groups");
}

export async function groupMemberAction(f: FormData) {
  await run(async () => setGroupMember(await getDb(), field(f, "groupId"), field(f, "personId"), field(f, "member") === "true"), "#groups");
}

export async function saveScimAction(f: FormData) {
  await run(async () => saveScimSettings(await getDb(), { baseUrl: field(f, "baseUrl"), token: field(f, "token"), persona: field(f, "persona") }), "#scim");
}

export async function forgetTokenAction() {
  await run(async () => forgetScimToken(await getDb()), "#scim");
}

export async function pushAllAction() {
  await run(async () => pushAll(await getDb()), "#scim");
}
