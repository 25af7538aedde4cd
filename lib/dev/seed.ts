import type { Actor } from "@/lib/audit/actor";
import type { Db } from "@/lib/db";
import { groupMembers, groups } from "@/lib/db/schema";
import { markMemberJoined, setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { createOrganisation, getOrganisationBySlug } from "@/lib/orgs/organisations";
import { changeRole } from "@/lib/orgs/roles";

const operator: Actor = { kind: "operator" };

type State = "active" | "invited" | "deactivated";
interface Person {
  given: string;
  family: string;
  state: State;
  role?: "admin";
  groups?: string[];
}

/** Acme: ~15 people in every state, so each page of the app has something to show. */
const ACME_PEOPLE: Person[] = [
  { given: "Ben", family: "Carter", state: "active", role: "admin", groups: ["Engineering"] },
  { given: "Chloe", family: "Martin", state: "active", role: "admin", groups: ["Customer Success"] },
  { given: "Daniel", family: "Kim", state: "active", groups: ["Engineering"] },
  { given: "Emma", family: "Garcia", state: "active", groups: ["Sales"] },
  { given: "Farah", family: "Haddad", state: "active", groups: ["Customer Success"] },
  { given: "George", family: "Liu", state: "active", groups: ["Engineering"] },
  { given: "Hannah", family: "Novak", state: "active", groups: ["Sales"] },
  { given: "Ivan", family: "Petrov", state: "active", groups: ["Engineering"] },
  { given: "Julia", family: "Rossi", state: "active", groups: ["Customer Success"] },
  { given: "Kenji", family: "Sato", state: "invited", groups: ["Engineering"] },
  { given: "Lena", family: "Fischer", state: "invited", groups: ["Customer Success"] },
  { given: "Marco", family: "Bianchi", state: "invited", groups: ["Sales"] },
  { given: "Nora", family: "Walsh", state: "deactivated", groups: ["Sales"] },
  { given: "Omar", family: "Aziz", state: "deactivated" },
];

/** The two demo organisations: who owns them, how they pay, and who else is in them. */
const DEMO = {
  acme: {
    name: "Acme",
    slug: "acme",
    seats: 25,
    billingMethod: "card",
    owner: { email: "ava@acme.example", givenName: "Ava", familyName: "Thompson" },
    domain: "acme.example",
  },
  globex: {
    name: "Globex",
    slug: "globex",
    seats: 10,
    billingMethod: "invoice",
    owner: { email: "hana@globex.example", givenName: "Hana", familyName: "Lee" },
    domain: "globex.example",
  },
} as const;

const emailOf = (p: Person, domain: string) => `${p.given.toLowerCase()}@${domain}`;

async function addPeople(db: Db, orgId: string, domain: string, people: Person[]) {
  const byGroup = new Map<string, string[]>();
  for (const p of people) {
    const { membership } = await inviteMember(db, {
      orgId,
      email: emailOf(p, domain),
      givenName: p.given,
      familyName: p.family,
      actor: operator,
    });
    if (p.state !== "invited") await markMemberJoined(db, { orgId, membershipId: membership.id });
    if (p.role) await changeRole(db, { orgId, membershipId: membership.id, role: p.role, actor: operator });
    if (p.state === "deactivated") await setMemberActive(db, { orgId, membershipId: membership.id, active: false, actor: operator });
    for (const g of p.groups ?? []) byGroup.set(g, [...(byGroup.get(g) ?? []), membership.id]);
  }
  for (const [displayName, members] of byGroup) {
    const [group] = await db.insert(groups).values({ orgId, displayName }).returning();
    await db.insert(groupMembers).values(members.map((membershipId) => ({ orgId, groupId: group!.id, membershipId })));
  }
}

async function seedOrganisation(db: Db, demo: (typeof DEMO)[keyof typeof DEMO], people: Person[]) {
  const { domain, owner, ...org } = demo;
  const created = await createOrganisation(db, { ...org, owner: { ...owner }, actor: operator });
  await addPeople(db, created.id, domain, people);
}

/**
 * The demo data: "Acme" (Enterprise, card, 25 seats) and "Globex"
 * (Enterprise, pays by invoice, 10 seats). Does nothing if Acme exists.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  if (await getOrganisationBySlug(db, DEMO.acme.slug)) return { created: false };
  await seedOrganisation(db, DEMO.acme, ACME_PEOPLE);
  await seedOrganisation(db, DEMO.globex, [
    { given: "Ravi", family: "Patel", state: "active", role: "admin" },
    { given: "Sofia", family: "Moreno", state: "active" },
    { given: "Tom", family: "Becker", state: "invited" },
  ]);
  return { created: true };
}
