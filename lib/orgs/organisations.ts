import { eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { personName, recordAudit } from "@/lib/audit/log";
import type { Executor } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { memberships, organisations, organisationSeats, type Organisation } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { slugify } from "@/lib/validation";
import { findOrCreateJoinableAccount } from "./accounts";
import { uniqueMemberSlug } from "./member-slug";
import { isReservedOrgSlug } from "./reserved-slugs";
import { claimSeat } from "./seats";

export async function getOrganisation(db: Executor, orgId: string): Promise<Organisation> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new NotFoundError("Organisation not found");
  return org;
}

export async function getOrganisationBySlug(db: Executor, slug: string): Promise<Organisation | undefined> {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, slug.toLowerCase()));
  return org;
}

export interface CreateOrganisationInput {
  name: string;
  slug?: string;
  seats: number;
  plan?: Organisation["plan"];
  billingMethod?: Organisation["billingMethod"];
  seatPriceCents?: number;
  scimEnabled?: boolean;
  owner?: { email: string; givenName?: string | null; familyName?: string | null };
  actor: Actor;
}

/**
 * Creates an organisation and, when given, its owner: an active member
 * holding the first seat, linked to an existing personal account if there is one.
 */
export async function createOrganisation(db: Executor, input: CreateOrganisationInput): Promise<Organisation> {
  authorize(input.actor, "organisation.create", {});
  const name = input.name.trim();
  if (!name) throw new ValidationError("An organisation needs a name.", "name");
  if (!Number.isInteger(input.seats) || input.seats < 0) {
    throw new ValidationError("Seats must be a whole number, 0 or more.", "seats");
  }
  if (input.owner && input.seats < 1) throw new ValidationError("The owner needs a seat: buy at least 1.", "seats");
  const slug = slugify(input.slug ?? name, "org");
  if (isReservedOrgSlug(slug)) {
    throw new ValidationError(`The slug "${slug}" is reserved for Roster's own pages (booking links start with it). Choose another one.`, "slug");
  }
  return db.transaction(async (tx) => {
    let org: Organisation;
    try {
      [org] = (await tx
        .insert(organisations)
        .values({
          name,
          slug,
          plan: input.plan ?? "enterprise",
          billingMethod: input.billingMethod ?? "card",
          seatPriceCents: input.seatPriceCents,
          scimEnabled: input.scimEnabled ?? false,
        })
        .returning()) as [Organisation];
    } catch (e) {
      if (isUniqueViolation(e, "organisations_slug_key")) {
        throw new ConflictError(`An organisation with the slug "${slug}" already exists.`, "slug");
      }
      throw e;
    }
    await tx.insert(organisationSeats).values({ orgId: org.id, seats: input.seats });
    await recordAudit(tx, { orgId: org.id, actor: input.actor, action: "organisation.created", target: name });
    if (input.owner) await insertOwner(tx, org, input.owner, input.actor);
    return org;
  });
}

/**
 * Turns provisioning on or off. The policy decides who may (people must be
 * owners or admins, and turn it on only when scimEnableBlocker allows; the
 * operator CLI may set it up for a customer before their SSO is connected).
 */
export async function setScimEnabled(db: Executor, orgId: string, enabled: boolean, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, orgId);
    authorize(actor, enabled ? "scim.enable" : "scim.disable", { org });
    await tx
      .update(organisations)
      .set({ scimEnabled: enabled, updatedAt: sql`now()` })
      .where(eq(organisations.id, orgId));
    await recordAudit(tx, { orgId, actor, action: enabled ? "scim.enabled" : "scim.disabled" });
  });
}

export type OwnerInput = NonNullable<CreateOrganisationInput["owner"]>;

/** The owner: an active member holding a seat, linked to an existing personal account if there is one. */
async function insertOwner(tx: Executor, org: Organisation, owner: OwnerInput, actor: Actor): Promise<void> {
  const { user } = await findOrCreateJoinableAccount(tx, { ...owner, origin: "personal" });
  try {
    await tx.insert(memberships).values({
      orgId: org.id,
      userId: user.id,
      role: "owner",
      state: "active",
      source: "operator",
      slug: await uniqueMemberSlug(tx, org.id, user.email),
      userName: user.email,
      joinedAt: new Date(),
    });
  } catch (e) {
    if (isUniqueViolation(e, "memberships_one_owner_key")) throw new ConflictError(`${org.name} already has an owner.`, "owner");
    throw e;
  }
  await recordAudit(tx, { orgId: org.id, actor, action: "owner.created", target: user.email, subject: { email: user.email, name: personName(user) } });
  await claimSeat(tx, org.id);
}

/** Operator fix-up: give an organisation that has none its owner. */
export async function addOwner(db: Executor, p: { orgId: string; owner: OwnerInput; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await getOrganisation(tx, p.orgId);
    authorize(p.actor, "owner.add", { org });
    await insertOwner(tx, org, p.owner, p.actor);
  });
}
