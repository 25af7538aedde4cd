import type { Actor } from "@/lib/audit/actor";
import type { Db } from "@/lib/db";
import { createOrganisation, type CreateOrganisationInput } from "@/lib/orgs/organisations";
import { randomBytes } from "node:crypto";

export const operator: Actor = { kind: "operator" };
export const scimActor: Actor = { kind: "scim", tokenId: null };

export const uniq = () => randomBytes(4).toString("hex");

/** An organisation with an owner, named uniquely so tests in one database never collide. */
export async function makeOrg(db: Db, overrides: Partial<CreateOrganisationInput> = {}) {
  const id = uniq();
  return createOrganisation(db, {
    name: `Org ${id}`,
    seats: 10,
    owner: { email: `owner-${id}@example.com`, givenName: "Olive", familyName: "Owner" },
    actor: operator,
    ...overrides,
  });
}
