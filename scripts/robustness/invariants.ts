import type { Sql } from "postgres";

/**
 * Facts that must hold in the database whatever happened: any row returned by
 * one of these queries is a violation. Shared by the hostile-input, crash and
 * two-instance suites.
 */
const CHECKS: [string, string][] = [
  ["seats held exceed seats", `select org_id, seats, held from organisation_seats where held > seats`],
  [
    "seat counter differs from the members holding a seat",
    `select s.org_id, s.held, count(m.id) as holding
       from organisation_seats s left join memberships m on m.org_id = s.org_id and m.state in ('invited', 'active')
      group by s.org_id, s.held having s.held <> count(m.id)`,
  ],
  [
    "organisation with members but not exactly one owner",
    `select o.id, count(m.id) filter (where m.role = 'owner') as owners
       from organisations o join memberships m on m.org_id = o.id
      group by o.id having count(m.id) filter (where m.role = 'owner') <> 1`,
  ],
  ["membership without an account", `select m.id from memberships m left join users u on u.id = m.user_id where u.id is null`],
  [
    "group member from another organisation",
    `select gm.group_id, gm.membership_id from group_members gm
       join groups g on g.id = gm.group_id join memberships m on m.id = gm.membership_id
      where g.org_id <> m.org_id or gm.org_id <> g.org_id`,
  ],
  [
    "half-provisioned account (created for an organisation, member of none)",
    `select u.id, u.email from users u left join memberships m on m.user_id = u.id where u.origin = 'provisioned' and m.id is null`,
  ],
  [
    "invited member who was never sent an invitation",
    `select m.id from memberships m
      where m.state = 'invited' and m.source = 'scim' and not exists (select 1 from invitations i where i.membership_id = m.id)`,
  ],
  [
    "provisioned member without the default event type",
    `select m.id from memberships m
      where m.source = 'scim' and not exists (select 1 from event_types e where e.membership_id = m.id and e.is_default)`,
  ],
  ["invitation of a member of another organisation", `select i.id from invitations i join memberships m on m.id = i.membership_id where i.org_id <> m.org_id`],
];

export interface Violation {
  check: string;
  rows: unknown[];
}

export async function checkInvariants(sql: Sql): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const [check, query] of CHECKS) {
    const rows = await sql.unsafe(query);
    if (rows.length) out.push({ check, rows: rows.slice(0, 5) });
  }
  return out;
}
