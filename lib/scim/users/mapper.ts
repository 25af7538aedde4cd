import type { Membership, User } from "@/lib/db/schema";
import type { MemberProfile } from "@/lib/orgs/member-profile";
import { isEmail } from "@/lib/validation";
import { invalidValue } from "../errors";
import { isObject, type Json, type JsonObject } from "../normalize";
import { URN } from "../schemas/urns";

/**
 * The wire shape (SCIM User) and the storage shape (account + membership +
 * round-tripped attributes), joined by two pure functions.
 */
export interface UserRow {
  membership: Membership;
  user: Pick<User, "email" | "givenName" | "familyName">;
  /** Groups of the user; absent when the caller did not ask for them. */
  groups?: { id: string; displayName: string }[];
}

/** What a SCIM User body means to Roster, ready for the domain functions: a member's profile, and maybe their state. */
export interface ScimUserInput extends MemberProfile {
  /** Absent: leave the state as it is (a PUT without `active` must not deactivate anyone). */
  active?: boolean;
  /** Everything else Roster keeps for round-tripping (emails, phones, addresses, enterprise extension…). */
  scimAttributes: JsonObject;
}

const MAX_USERNAME_LENGTH = 256;
export const MAX_EXTERNAL_ID_LENGTH = 512;

const str = (v: Json | undefined): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

function elements(v: Json | undefined): JsonObject[] {
  return Array.isArray(v) ? v.filter(isObject) as JsonObject[] : [];
}

/**
 * PRODUCT.md: the primary email, else the `work` email, else the only email whatever its type, else
 * userName when it is an address. Several emails and none of them primary or work, with a userName
 * that is not an address: Roster cannot tell which one signs in, and says so.
 */
export function loginEmailOf(userName: string, emails: JsonObject[]): string {
  const withValue = emails.filter((e) => str(e.value));
  const primary = withValue.find((e) => e.primary === true);
  const work = withValue.find((e) => typeof e.type === "string" && e.type.toLowerCase() === "work");
  const only = withValue.length === 1 ? withValue[0] : undefined;
  const chosen = primary ?? work ?? only;
  if (chosen) {
    const value = str(chosen.value)!;
    const which = chosen === primary ? "primary" : chosen === work ? "work" : "only";
    if (!isEmail(value)) throw invalidValue(`The ${which} email "${value}" is not a valid email address.`);
    return value;
  }
  if (isEmail(userName)) return userName;
  if (withValue.length > 1) {
    throw invalidValue(
      `Roster signs "${userName}" in with one email, and cannot tell which of their ${withValue.length} emails: mark one "primary": true (or type it "work"), or send a userName that is an email address.`,
    );
  }
  throw invalidValue(`Roster needs an email address to invite "${userName}": send an email, or a userName that is an email address.`);
}

/** A normalised SCIM User (see normalizeResource) → the fields Roster stores. */
export function fromScimUser(doc: JsonObject): ScimUserInput {
  const userName = str(doc.userName);
  if (!userName) throw invalidValue("userName is required.");
  if (userName.length > MAX_USERNAME_LENGTH) throw invalidValue(`userName is longer than ${MAX_USERNAME_LENGTH} characters.`);
  const externalId = str(doc.externalId);
  if (externalId && externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    throw invalidValue(`externalId is longer than ${MAX_EXTERNAL_ID_LENGTH} characters.`);
  }
  let emails = elements(doc.emails);
  const loginEmail = loginEmailOf(userName, emails);
  // The sign-in email is always among the emails, so that filters on emails find it too.
  if (!emails.some((e) => typeof e.value === "string" && e.value.toLowerCase() === loginEmail.toLowerCase())) {
    emails = [{ value: loginEmail, type: "work", primary: true }, ...emails];
  }
  const name = isObject(doc.name) ? (doc.name as JsonObject) : {};
  const { givenName, familyName, ...otherNames } = name;
  const { userName: _u, externalId: _e, displayName, active, name: _n, emails: _m, ...rest } = doc;
  const scimAttributes: JsonObject = { ...rest, emails };
  if (Object.keys(otherNames).length) scimAttributes.name = otherNames;
  return {
    userName,
    loginEmail,
    externalId,
    displayName: str(displayName),
    givenName: str(givenName),
    familyName: str(familyName),
    ...(typeof active === "boolean" ? { active } : {}),
    scimAttributes,
  };
}

/** The canonical document of a user, without server-made attributes: what PATCH operations apply to. */
export function userDocument(row: UserRow): JsonObject {
  const m = row.membership;
  const attrs = m.scimAttributes as JsonObject;
  const storedName = isObject(attrs.name) ? (attrs.name as JsonObject) : {};
  const name: JsonObject = { ...storedName };
  if (row.user.givenName) name.givenName = row.user.givenName;
  if (row.user.familyName) name.familyName = row.user.familyName;
  const { name: _n, ...stored } = attrs;
  // A multi-valued attribute without values is unassigned (RFC 7643 §2.5): not sent as [] (rows written before this rule may hold one).
  const rest = Object.fromEntries(Object.entries(stored).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
  const doc: JsonObject = {
    userName: m.userName,
    ...(Object.keys(name).length ? { name } : {}),
    ...(m.displayName ? { displayName: m.displayName } : {}),
    ...rest,
    active: m.state !== "deactivated",
  };
  if (m.externalId) doc.externalId = m.externalId;
  if (!Array.isArray(doc.emails) || doc.emails.length === 0) doc.emails = [{ value: row.user.email, type: "work", primary: true }];
  return doc;
}

export const etagOf = (version: number) => `W/"${version}"`;

/** The full SCIM User resource (RFC 7643 §4.1), `meta` included. */
export function toScimUser(row: UserRow, baseUrl: string): JsonObject {
  const m = row.membership;
  const doc = userDocument(row);
  const schemas: Json[] = [URN.user];
  if (isObject(doc[URN.enterprise])) {
    schemas.push(URN.enterprise);
    const ext = doc[URN.enterprise] as JsonObject;
    if (isObject(ext.manager) && typeof ext.manager.value === "string") {
      ext.manager = { ...ext.manager, $ref: `${baseUrl}/Users/${ext.manager.value}` };
    }
  }
  const groups = row.groups?.map((g) => ({ value: g.id, $ref: `${baseUrl}/Groups/${g.id}`, display: g.displayName, type: "direct" }));
  return {
    schemas,
    id: m.id,
    ...doc,
    ...(groups && groups.length ? { groups } : {}),
    meta: {
      resourceType: "User",
      created: m.createdAt.toISOString(),
      lastModified: m.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${m.id}`,
      version: etagOf(m.version),
    },
  };
}
