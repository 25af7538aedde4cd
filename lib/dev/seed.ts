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

const DEMO = {
  acme: { slug: "acme", owner: "ava@acme.example", seats: 25 },
  globex: { slug: "globex", owner: "hana@globex.example", seats: 10 },
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

/**
 * The demo data: "Acme" (Enterprise, card, 25 seats) and "Globex"
 * (Enterprise, pays by invoice, 10 seats). Does nothing if Acme exists.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  if (await getOrganisationBySlug(db, DEMO.acme.slug)) return { created: false };
  const acme = await createOrganisation(db, {
    name: "Acme",
    slug: DEMO.acme.slug,
    seats: DEMO.acme.seats,
    billingMethod: "card",
    owner: { email: DEMO.acme.owner, givenName: "Ava", familyName: "Thompson" },
    actor: operator,
  });
  await addPeople(db, acme.id, "acme.example", ACME_PEOPLE);

  const globex = await createOrganisation(db, {
    name: "Globex",
    slug: DEMO.globex.slug,
    seats: DEMO.globex.seats,
    billingMethod: "invoice",
    owner: { email: DEMO.globex.owner, givenName: "Hana", familyName: "Lee" },
    actor: operator,
  });
  await addPeople(db, globex.id, "globex.example", [
    { given: "Ravi", family: "Patel", state: "active", role: "admin" },
    { given: "Sofia", family: "Moreno", state: "active" },
    { given: "Tom", family: "Becker", state: "invited" },
  ]);
  return { created: true };
}
