import { changeGroup, createGroup as createDomainGroup, deleteGroup as deleteDomainGroup } from "@/lib/orgs/groups";
import { invalidSyntax, invalidValue, notFound } from "../errors";
import { etag, expectedVersion, notModifiedReply, wantsRepresentation } from "../http/conditional";
import type { ScimContext, ScimReply } from "../http/handler";
import { listResponse, parseListQuery } from "../list";
import { isObject, normalizeResource } from "../normalize";
import { expandOperations, parsePatchRequest } from "../patch/ops";
import { parseProjection, project, wants } from "../projection";
import { groupSchemas } from "../schemas/resources";
import { MAX_EXTERNAL_ID_LENGTH } from "../users/mapper";
import { memberRefs, toScimGroup, type GroupRow } from "./mapper";
import { applyGroupOperation } from "./patch";
import { findGroups, getGroupRow } from "./repository";

/** The Group endpoints (RFC 7644 §3.3–§3.6). */

const groupNotFound = (id: string) => notFound(`Group ${id} not found.`);

function note(ctx: ScimContext, operation: string, id?: string, target?: string) {
  Object.assign(ctx.notes, { resourceType: "Group", operation, ...(id ? { resourceId: id } : {}), ...(target ? { target } : {}) });
}

/** A Group body: members read by memberRefs (see there), everything else normalised against the schema. */
async function readGroupBody(ctx: ScimContext) {
  const body = await ctx.body();
  if (!isObject(body)) throw invalidSyntax("The body must be a JSON object (a SCIM Group).");
  const membersKey = Object.keys(body).find((k) => k.toLowerCase() === "members");
  const { [membersKey ?? "members"]: rawMembers, ...rest } = body;
  const { value, ignored } = normalizeResource(groupSchemas, rest);
  const members = memberRefs(rawMembers, ignored);
  ctx.notes.ignored = ignored;
  const displayName = typeof value.displayName === "string" ? value.displayName.trim() : "";
  if (!displayName) throw invalidValue("displayName is required.");
  const externalId = typeof value.externalId === "string" && value.externalId.trim() ? value.externalId.trim() : null;
  if (externalId && externalId.length > MAX_EXTERNAL_ID_LENGTH) throw invalidValue(`externalId is longer than ${MAX_EXTERNAL_ID_LENGTH} characters.`);
  ctx.notes.target = displayName;
  return { displayName, externalId, members };
}

function resourceReply(ctx: ScimContext, row: GroupRow, status = 200, extra: Record<string, string> = {}): ScimReply {
  const projection = parseProjection(ctx.url.searchParams, groupSchemas);
  return { status, body: project(toScimGroup(row, ctx.baseUrl), projection), headers: { ETag: etag(row.group.version), ...extra } };
}

async function reread(ctx: ScimContext, id: string, status = 200, extra: Record<string, string> = {}): Promise<ScimReply> {
  const withMembers = wants(parseProjection(ctx.url.searchParams, groupSchemas), "members");
  const row = await getGroupRow(ctx.db, ctx.orgId, id, withMembers);
  if (!row) throw groupNotFound(id);
  return resourceReply(ctx, row, status, extra);
}

export async function listGroups(ctx: ScimContext): Promise<ScimReply> {
  note(ctx, "list");
  const query = parseListQuery(ctx.url.searchParams);
  const projection = parseProjection(ctx.url.searchParams, groupSchemas);
  const { rows, total } = await findGroups(ctx.db, { orgId: ctx.orgId, query, withMembers: wants(projection, "members") });
  return { status: 200, body: listResponse(rows.map((r) => project(toScimGroup(r, ctx.baseUrl), projection)), total, query.startIndex) };
}

export async function getGroup(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  note(ctx, "get", id);
  const row = await getGroupRow(ctx.db, ctx.orgId, id, wants(parseProjection(ctx.url.searchParams, groupSchemas), "members"));
  if (!row) throw groupNotFound(id);
  ctx.notes.target = row.group.displayName;
  return notModifiedReply(ctx.req, row.group.version) ?? resourceReply(ctx, row);
}

export async function createGroup(ctx: ScimContext): Promise<ScimReply> {
  note(ctx, "create");
  const input = await readGroupBody(ctx);
  const group = await createDomainGroup(ctx.db, { orgId: ctx.orgId, org: ctx.org, ...input, actor: ctx.actor });
  ctx.notes.resourceId = group.id;
  const location = { Location: `${ctx.baseUrl}/Groups/${group.id}` };
  // A group created empty (as Okta and Entra create them) is what the insert returned: no second read.
  if (input.members.length === 0) return resourceReply(ctx, { group, members: [] }, 201, location);
  return reread(ctx, group.id, 201, location);
}

export async function replaceGroup(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  note(ctx, "replace", id);
  const input = await readGroupBody(ctx);
  await changeGroup(ctx.db, { orgId: ctx.orgId, org: ctx.org, groupId: id, actor: ctx.actor, expectedVersion: expectedVersion(ctx.req) }, async (c) => {
    await c.rename(input.displayName);
    await c.setExternalId(input.externalId);
    await c.replaceMembers(input.members);
  });
  return reread(ctx, id);
}

export async function patchGroup(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  const ops = expandOperations(parsePatchRequest(await ctx.body()), groupSchemas);
  note(ctx, `patch: ${ops.map((o) => `${o.op} ${o.rawPath ?? ""}`.trim()).join(", ")}`.slice(0, 500), id);
  const ignored: string[] = [];
  ctx.notes.ignored = ignored;
  const group = await changeGroup(
    ctx.db,
    { orgId: ctx.orgId, org: ctx.org, groupId: id, actor: ctx.actor, expectedVersion: expectedVersion(ctx.req) },
    async (c) => {
      for (const o of ops) await applyGroupOperation(c, o, ignored);
    },
  );
  ctx.notes.target = group.displayName;
  if (!wantsRepresentation(ctx.req, ctx.url, { byAccept: false })) return { status: 204, headers: { ETag: etag(group.version) } };
  return reread(ctx, id);
}

export async function deleteGroup(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  note(ctx, "delete", id);
  await deleteDomainGroup(ctx.db, { orgId: ctx.orgId, org: ctx.org, groupId: id, actor: ctx.actor, expectedVersion: expectedVersion(ctx.req) });
  return { status: 204 };
}
