import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { run, statement, toDate } from "@/lib/db/statement";
import { groupMembers, groups, memberships, type Group } from "@/lib/db/schema";
import { invalidFilter } from "../errors";
import { pathToString, type AttrPath } from "../filter/ast";
import { compileFilter, isUuid, sortExpression, type Multi, type Scalar, type Target } from "../filter/sql";
import type { ListQuery } from "../list";
import type { GroupMemberRow, GroupRow } from "./mapper";

/** The queries behind /Groups, scoped to one organisation; filtering and paging in PostgreSQL. */
const col = (expr: SQL, type: Scalar["type"], caseExact = false): Scalar => ({ kind: "scalar", expr, type, caseExact });

const COLUMNS: Record<string, Scalar> = {
  id: col(sql`${groups.id}`, "uuid"),
  externalid: col(sql`${groups.externalId}`, "string", true),
  displayname: col(sql`${groups.displayName}`, "string"),
  "meta.created": col(sql`${groups.createdAt}`, "dateTime"),
  "meta.lastmodified": col(sql`${groups.updatedAt}`, "dateTime"),
};

/** A member's attributes, for `members eq "…"`, `members[value eq "…"]` and PATCH remove filters. */
export function memberAttribute(name: string): Scalar {
  switch (name.toLowerCase()) {
    case "value":
      return col(sql`gm.membership_id`, "uuid");
    case "display":
      return col(sql`coalesce(gm.display, m.display_name, m.user_name)`, "string");
    case "type":
      return col(sql`'User'`, "string");
    default:
      throw invalidFilter(`unknown attribute "members.${name}"`);
  }
}

const membersOf = (sub = "value"): Multi => ({
  kind: "multi",
  defaultSub: sub,
  exists: (cond) =>
    sql`exists (select 1 from ${groupMembers} gm join ${memberships} m on m.id = gm.membership_id where gm.group_id = ${groups.id} and ${cond(memberAttribute)})`,
});

function resolveGroupAttribute(path: AttrPath): Target {
  const uri = path.uri?.toLowerCase();
  if (uri && uri !== "urn:ietf:params:scim:schemas:core:2.0:group") throw invalidFilter(`unknown schema "${path.uri}"`);
  if (path.attr.toLowerCase() === "members") return membersOf(path.sub);
  const found = COLUMNS[`${path.attr}${path.sub ? `.${path.sub}` : ""}`.toLowerCase()];
  if (!found) throw invalidFilter(`unknown attribute "${pathToString(path)}"`);
  return found;
}

async function membersOfGroups(db: Executor, groupIds: string[]): Promise<Map<string, GroupMemberRow[]>> {
  const byGroup = new Map<string, GroupMemberRow[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .select({
      groupId: groupMembers.groupId,
      membershipId: groupMembers.membershipId,
      display: sql<string>`coalesce(${groupMembers.display}, ${memberships.displayName}, ${memberships.userName})`,
    })
    .from(groupMembers)
    .innerJoin(memberships, eq(memberships.id, groupMembers.membershipId))
    .where(inArray(groupMembers.groupId, groupIds))
    .orderBy(groupMembers.createdAt, groupMembers.membershipId);
  for (const r of rows) byGroup.get(r.groupId)?.push({ membershipId: r.membershipId, display: r.display });
  return byGroup;
}

/** GET /Groups/{id}, the group and (when wanted) its members in one statement (lib/db/statement.ts); attribute groups are not found. */
const byId = (withMembers: boolean) =>
  statement<GroupColumns & { members: GroupMemberRow[] | null }>(`select g.id, g.org_id as "orgId", g.display_name as "displayName",
    g.external_id as "externalId", g.managed_by_idp as "managedByIdp", g.from_attribute as "fromAttribute", g.version, g.created_at as "createdAt", g.updated_at as "updatedAt",
    ${
      withMembers
        ? // Each member's name by its primary key (offset 0 keeps the lateral a nested loop): right after an IdP
          // pushed its groups, before their statistics, a hash join here read every member of the organisation.
          `(select coalesce(json_agg(json_build_object('membershipId', gm.membership_id, 'display', coalesce(gm.display, m.display_name, m.user_name))
             order by gm.created_at, gm.membership_id), '[]'::json)
           from group_members gm
           cross join lateral (select display_name, user_name from memberships where id = gm.membership_id offset 0) m
           where gm.group_id = g.id)`
        : "null::json"
    } as members
  from groups g where g.org_id = $1 and g.id = $2 and g.from_attribute is null`);
const BY_ID = { plain: byId(false), withMembers: byId(true) };

type GroupColumns = Omit<Group, "createdAt" | "updatedAt"> & { createdAt: Date | string; updatedAt: Date | string };

const groupFrom = (r: GroupColumns): Group => ({ ...r, createdAt: toDate(r.createdAt), updatedAt: toDate(r.updatedAt) });

export async function getGroupRow(db: Executor, orgId: string, id: string, withMembers: boolean): Promise<GroupRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await run(db, withMembers ? BY_ID.withMembers : BY_ID.plain, [orgId, id]);
  if (!row) return undefined;
  const { members, ...group } = row;
  return { group: groupFrom(group), ...(members ? { members } : {}) };
}

export async function findGroups(
  db: Executor,
  p: { orgId: string; query: ListQuery; withMembers: boolean },
): Promise<{ rows: GroupRow[]; total: number }> {
  // Groups Roster keeps from a user attribute are Roster's: the IdP neither sees nor changes them (docs/scim.md).
  const where = and(eq(groups.orgId, p.orgId), isNull(groups.fromAttribute), p.query.filter ? compileFilter(p.query.filter, resolveGroupAttribute) : undefined)!;
  const order: SQL[] = [];
  if (p.query.sortBy) {
    const expr = sortExpression(resolveGroupAttribute(p.query.sortBy), p.query.sortBy);
    order.push(p.query.descending ? sql`${expr} desc nulls last` : sql`${expr} asc nulls last`);
  }
  const tail = p.query.descending && p.query.sortBy ? [desc(groups.createdAt), desc(groups.id)] : [asc(groups.createdAt), asc(groups.id)];
  const [[count], page] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(groups).where(where),
    p.query.count === 0
      ? Promise.resolve([])
      : db.select().from(groups).where(where).orderBy(...order, ...tail).limit(p.query.count).offset(p.query.startIndex - 1),
  ]);
  if (!p.withMembers) return { rows: page.map((group) => ({ group })), total: count?.n ?? 0 };
  const members = await membersOfGroups(db, page.map((g) => g.id));
  return { rows: page.map((group) => ({ group, members: members.get(group.id) ?? [] })), total: count?.n ?? 0 };
}
