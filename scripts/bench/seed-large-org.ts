/**
 * A big organisation for benchmarks: N members (default 100,000) inserted
 * set-based (INSERT … SELECT generate_series), so 100k people take seconds,
 * not the hours that N inviteMember calls would. The shape mirrors what the
 * domain functions produce: 80 % active, 10 % invited, 10 % deactivated; one
 * admin per thousand; SCIM-provisioned; a default event type each; twenty
 * groups; a provisioning log with some seat refusals; and the seats held equal
 * to the invited + active count, as lib/orgs/seats.ts keeps it.
 *
 *   npx tsx scripts/bench/seed-large-org.ts [--members 100000] [--slug bigcorp]   (DATABASE_URL required)
 */
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { organisations } from "@/lib/db/schema";
import { createOrganisation, getOrganisationBySlug } from "@/lib/orgs/organisations";

const GIVEN = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Aisha", "Wei", "Yuki", "Olga", "Mateo", "Fatima", "Lars", "Priya", "Kwame", "Ines"];
const FAMILY = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores"];
const GROUPS = ["Engineering", "Sales", "Customer Success", "Marketing", "Finance", "Legal", "People", "Product", "Design", "Support", "Operations", "Security", "Data", "Research", "Partnerships", "IT", "Facilities", "Procurement", "Communications", "Executive"];

const arr = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`);

export interface LargeOrg {
  orgId: string;
  slug: string;
  ownerEmail: string;
  members: number;
  seconds: number;
}

export async function seedLargeOrg(db: Db, opts: { members?: number; slug?: string } = {}): Promise<LargeOrg> {
  const n = opts.members ?? 100_000;
  const slug = opts.slug ?? "bigcorp";
  const domain = `${slug}.example`;
  const ownerEmail = `owner@${domain}`;
  const existing = await getOrganisationBySlug(db, slug);
  if (existing) return { orgId: existing.id, slug, ownerEmail, members: n, seconds: 0 };
  const started = performance.now();
  // One transaction: a failed seed leaves nothing behind to be mistaken for a finished one.
  const org = await db.transaction(async (tx) => {
  const org = await createOrganisation(tx, {
    name: "Bigcorp",
    slug,
    seats: n + 500,
    owner: { email: ownerEmail, givenName: "Olivia", familyName: "Owner" },
    actor: { kind: "operator" },
  });
  await tx.update(organisations).set({ ssoConfiguredAt: new Date(), scimEnabled: true }).where(eq(organisations.id, org.id));
    await tx.execute(sql`
      create temporary table bench_people on commit drop as
      select g, gen_random_uuid() as user_id, gen_random_uuid() as membership_id,
             (${arr(GIVEN)})[1 + g % ${GIVEN.length}] as given,
             (${arr(FAMILY)})[1 + (g / ${GIVEN.length}) % ${FAMILY.length}] as family,
             case when g % 10 = 0 then 'deactivated' when g % 10 = 1 then 'invited' else 'active' end as state,
             now() - make_interval(secs => ${n} - g) as created
      from generate_series(1, ${n}) g`);
    await tx.execute(sql`
      insert into users (id, email, given_name, family_name, origin, created_at, updated_at)
      select user_id, lower(given || '.' || family || '.' || g) || '@' || ${domain}, given, family, 'provisioned', created, created
      from bench_people`);
    await tx.execute(sql`
      insert into memberships (id, org_id, user_id, role, state, source, slug, user_name, external_id,
                               state_changed_at, joined_at, created_at, updated_at)
      select membership_id, ${org.id}, user_id,
             (case when g % 1000 = 2 then 'admin' else 'user' end)::member_role,
             state::member_state, 'scim', 'member-' || g,
             lower(given || '.' || family || '.' || g) || '@' || ${domain}, 'ext-' || g,
             created, case when state = 'invited' then null else created end, created, created
      from bench_people`);
    await tx.execute(sql`
      insert into event_types (user_id, org_id, membership_id, title, slug, duration_minutes, is_default)
      select user_id, ${org.id}, membership_id, '30 Minute Meeting', '30min', 30, true from bench_people`);
    await tx.execute(sql`
      insert into groups (org_id, display_name, managed_by_idp)
      select ${org.id}, name, true from unnest(${arr(GROUPS)}) as name`);
    // Everyone in one department, every seventh person in a second one.
    await tx.execute(sql`
      insert into group_members (org_id, group_id, membership_id)
      select ${org.id}, gr.id, p.membership_id
      from bench_people p
      join (select id, row_number() over (order by display_name) - 1 as i from groups where org_id = ${org.id}) gr
        on gr.i = p.g % ${GROUPS.length} or (p.g % 7 = 0 and gr.i = (p.g / 7) % ${GROUPS.length} and gr.i <> p.g % ${GROUPS.length})`);
    // A provisioning history: two requests per person, and a handful of recent seat refusals.
    await tx.execute(sql`
      insert into provisioning_log (org_id, at, method, path, resource_type, resource_id, target, operation, status, duration_ms)
      select ${org.id}::uuid, created, 'POST', '/api/scim/v2/Users', 'User', membership_id,
             lower(given || '.' || family || '.' || g) || '@' || ${domain}, 'create', 201, 12
      from bench_people
      union all
      select ${org.id}::uuid, created + interval '1 hour', 'PATCH', '/api/scim/v2/Users/' || membership_id, 'User', membership_id,
             lower(given || '.' || family || '.' || g) || '@' || ${domain}, 'patch: replace active', 200, 9
      from bench_people where state = 'deactivated'`);
    await tx.execute(sql`
      insert into provisioning_log (org_id, at, method, path, resource_type, target, operation, status, detail, duration_ms)
      select ${org.id}, now() - make_interval(mins => g), 'POST', '/api/scim/v2/Users', 'User',
             'refused.' || g || '@' || ${domain}, 'create', 403,
             'No seats available in Bigcorp: ' || ${n + 500} || ' of ' || ${n + 500} || ' in use. Add seats on the Billing page, or deactivate a member, then retry.', 15
      from generate_series(1, 5) g`);
    await tx.execute(sql`
      update organisation_seats set held = 1 + (select count(*) from bench_people where state <> 'deactivated')
      where org_id = ${org.id}`);
    return org;
  });
  // What autovacuum would have done by now: statistics and the visibility map (index-only counts).
  await db.execute(sql`vacuum analyze`);
  return { orgId: org.id, slug, ownerEmail, members: n, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { members: { type: "string" }, slug: { type: "string" } } });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the PostgreSQL database to seed.");
  const database = await openDatabase({ url });
  await migrate(database);
  const r = await seedLargeOrg(database.db, { members: values.members ? Number(values.members) : undefined, slug: values.slug });
  console.log(r.seconds ? `Seeded ${r.slug}: ${r.members} members in ${r.seconds.toFixed(1)} s (owner ${r.ownerEmail}).` : `${r.slug} exists; nothing changed.`);
  await database.close();
}

/**
 * Issue 7's shape on top of seedLargeOrg: `count` groups in all (default
 * 2,000), of which `big` have `bigSize` members (default 4 × 10,000), one
 * named "Tiny" has 10, and the rest 25 each — set-based, in one transaction.
 * Idempotent: does nothing if the organisation already has that many groups.
 */
export async function seedManyGroups(db: Db, orgId: string, opts: { count?: number; big?: number; bigSize?: number } = {}) {
  const count = opts.count ?? 2000;
  const big = opts.big ?? 4;
  const bigSize = opts.bigSize ?? 10_000;
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from groups where org_id = ${orgId}`)) as unknown as [{ n: number }];
  if (n >= count) return;
  const small = count - n - big - 1;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      create temporary table bench_members on commit drop as
      select id, row_number() over (order by created_at, id) as rn from memberships where org_id = ${orgId}`);
    await tx.execute(sql`
      insert into groups (org_id, display_name, managed_by_idp)
      select ${orgId}::uuid, 'Big ' || g, true from generate_series(1, ${big}) g
      union all select ${orgId}::uuid, 'Tiny', true
      union all select ${orgId}::uuid, 'Team ' || lpad(g::text, 4, '0'), true from generate_series(1, ${small}) g`);
    // Big groups: disjoint slices of bigSize members each.
    await tx.execute(sql`
      insert into group_members (org_id, group_id, membership_id)
      select ${orgId}, g.id, m.id
      from groups g join bench_members m
        on m.rn > (substring(g.display_name from 5)::int - 1) * ${bigSize} and m.rn <= substring(g.display_name from 5)::int * ${bigSize}
      where g.org_id = ${orgId} and g.display_name like 'Big %'`);
    await tx.execute(sql`
      insert into group_members (org_id, group_id, membership_id)
      select ${orgId}, g.id, m.id from groups g join bench_members m on m.rn between 1 and 10
      where g.org_id = ${orgId} and g.display_name = 'Tiny'`);
    // Small teams: 25 consecutive members each, wrapping around the organisation.
    await tx.execute(sql`
      insert into group_members (org_id, group_id, membership_id)
      select ${orgId}, g.id, m.id
      from groups g join bench_members m
        on m.rn - 1 between (substring(g.display_name from 6)::int * 25) % (select count(*) from bench_members) and
                            (substring(g.display_name from 6)::int * 25) % (select count(*) from bench_members) + 24
      where g.org_id = ${orgId} and g.display_name like 'Team %'`);
  });
  await db.execute(sql`analyze groups`);
  await db.execute(sql`analyze group_members`);
}
