import { personName } from "@/lib/audit/log";
import { removeMember } from "@/lib/orgs/lifecycle";
import { updateMember, type MemberProfile, type UpdatedMember, type UpdateMemberInput } from "@/lib/orgs/member-profile";
import { inviteMember } from "@/lib/orgs/members";
import { linkAdmitted, recordWaiting } from "@/lib/orgs/seat-waitlist";
import type { Membership, User } from "@/lib/db/schema";
import { ConflictError, SeatLimitError } from "@/lib/errors";
import { invalidSyntax, notFound } from "../errors";
import { etag, expectedVersion, notModifiedReply, wantsRepresentation } from "../http/conditional";
import type { ScimContext, ScimReply } from "../http/handler";
import { listResponse, parseListQuery } from "../list";
import { isObject, normalizeResource, type JsonObject } from "../normalize";
import { applyPatch } from "../patch/apply";
import { expandOperations, parsePatchRequest } from "../patch/ops";
import { parseProjection, project, wants } from "../projection";
import { userSchemas } from "../schemas/resources";
import { fromScimUser, toScimUser, userDocument, type ScimUserInput, type UserRow } from "./mapper";
import { findUsers, getUserRow } from "./repository";

/** The User endpoints (RFC 7644 §3.3–§3.6), as thin as the domain allows. */

const userNotFound = (id: string) => notFound(`User ${id} not found.`);

function profileOf(input: ScimUserInput): MemberProfile {
  const { active: _a, ...profile } = input;
  return profile;
}

async function readBody(ctx: ScimContext): Promise<JsonObject> {
  const body = await ctx.body();
  if (!isObject(body)) throw invalidSyntax("The body must be a JSON object (a SCIM User).");
  const { value, ignored } = normalizeResource(userSchemas, body);
  ctx.notes.ignored = ignored;
  return value;
}

function resourceReply(ctx: ScimContext, row: UserRow, status = 200, extra: Record<string, string> = {}): ScimReply {
  const projection = parseProjection(ctx.url.searchParams, userSchemas);
  return {
    status,
    body: project(toScimUser(row, ctx.baseUrl), projection),
    headers: { ETag: etag(row.membership.version), ...extra },
  };
}

function note(ctx: ScimContext, operation: string, id?: string, target?: string) {
  Object.assign(ctx.notes, { resourceType: "User", operation, ...(id ? { resourceId: id } : {}), ...(target ? { target } : {}) });
}

export async function listUsers(ctx: ScimContext): Promise<ScimReply> {
  note(ctx, "list");
  const query = parseListQuery(ctx.url.searchParams);
  const projection = parseProjection(ctx.url.searchParams, userSchemas);
  const { rows, total } = await findUsers(ctx.db, { orgId: ctx.orgId, query, withGroups: wants(projection, "groups") });
  const resources = rows.map((r) => project(toScimUser(r, ctx.baseUrl), projection));
  return { status: 200, body: listResponse(resources, total, query.startIndex) };
}

export async function getUser(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  note(ctx, "get", id);
  const projection = parseProjection(ctx.url.searchParams, userSchemas);
  const row = await getUserRow(ctx.db, ctx.orgId, id, wants(projection, "groups"));
  if (!row) throw userNotFound(id);
  ctx.notes.target = row.membership.userName;
  ctx.notes.targetName = personName({ ...row.user, displayName: row.membership.displayName });
  return notModifiedReply(ctx.req, row.membership.version) ?? resourceReply(ctx, row);
}

export async function createUser(ctx: ScimContext): Promise<ScimReply> {
  note(ctx, "create");
  const body = await readBody(ctx);
  const input = fromScimUser(body);
  ctx.notes.target = input.userName;
  ctx.notes.targetName = personName(input);
  let created: { membership: Membership; user: User };
  try {
    created = await inviteMember(ctx.db, {
      orgId: ctx.orgId,
      org: ctx.org,
      email: input.loginEmail,
      userName: input.userName,
      givenName: input.givenName,
      familyName: input.familyName,
      displayName: input.displayName,
      externalId: input.externalId,
      scimAttributes: input.scimAttributes,
      active: input.active ?? true,
      actor: ctx.actor,
    });
  } catch (e) {
    // Issue 16: a create refused for lack of seats waits for an admin to add seats and the person.
    if (e instanceof SeatLimitError) {
      await recordWaiting(ctx.db, { orgId: ctx.orgId, kind: "create", userName: input.userName, externalId: input.externalId, payload: body, profile: profileOf(input) });
    }
    // The IdP's retry of a create an admin already made from the waiting list: that member, not a second one
    // (the clash is on the userName or on the account's email, whichever the write met first).
    if (e instanceof ConflictError) {
      const linked = await linkAdmitted(ctx.db, ctx.orgId, input.userName);
      const row = linked && (await getUserRow(ctx.db, ctx.orgId, linked, false));
      if (row) {
        ctx.notes.resourceId = row.membership.id;
        return resourceReply(ctx, row, 201, { Location: `${ctx.baseUrl}/Users/${row.membership.id}` });
      }
    }
    throw e;
  }
  // Whoever waited for a seat under this userName has one now: the create's statement removed the entry.
  ctx.notes.resourceId = created.membership.id;
  const row: UserRow = { membership: created.membership, user: created.user, groups: [] };
  return resourceReply(ctx, row, 201, { Location: `${ctx.baseUrl}/Users/${created.membership.id}` });
}

/**
 * A PUT or PATCH: the IdP's change to one user of its organisation, If-Match
 * honoured. A reactivation refused for lack of seats joins the waiting list
 * (issue 16), with what the IdP sent.
 */
async function changeUser(ctx: ScimContext, membershipId: string, change: UpdateMemberInput["change"], payload: Record<string, unknown>) {
  try {
    return await updateMember(ctx.db, { orgId: ctx.orgId, org: ctx.org, membershipId, actor: ctx.actor, expectedVersion: expectedVersion(ctx.req), change });
  } catch (e) {
    if (e instanceof SeatLimitError) {
      const row = await getUserRow(ctx.db, ctx.orgId, membershipId, false);
      if (row) {
        await recordWaiting(ctx.db, {
          orgId: ctx.orgId,
          kind: "reactivate",
          userName: row.membership.userName,
          externalId: row.membership.externalId,
          membershipId,
          payload,
        });
      }
    }
    throw e;
  }
}

/** The user as a change left it: the statement that wrote it returned it, groups included (no second read). */
const changedReply = (ctx: ScimContext, updated: UpdatedMember) =>
  resourceReply(ctx, { membership: updated.membership, user: updated.user, groups: updated.groups ?? [] });

export async function replaceUser(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  note(ctx, "replace", id);
  const body = await readBody(ctx);
  const input = fromScimUser(body);
  ctx.notes.target = input.userName;
  ctx.notes.targetName = personName(input);
  return changedReply(ctx, await changeUser(ctx, id, { profile: profileOf(input), ...(input.active !== undefined ? { active: input.active } : {}) }, body));
}

export async function patchUser(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  const raw = await ctx.body();
  const ops = expandOperations(parsePatchRequest(raw), userSchemas);
  note(ctx, `patch: ${ops.map((o) => `${o.op} ${o.rawPath ?? ""}`.trim()).join(", ")}`.slice(0, 500), id);
  const updated = await changeUser(ctx, id, (current) => {
    const { doc, ignored } = applyPatch(userDocument(current), userSchemas, ops);
    ctx.notes.ignored = ignored;
    const input = fromScimUser(doc);
    ctx.notes.target = input.userName;
    ctx.notes.targetName = personName(input);
    return { profile: profileOf(input), active: input.active ?? true };
  }, isObject(raw) ? raw : {});
  if (!wantsRepresentation(ctx.req, ctx.url)) return { status: 204, headers: { ETag: etag(updated.membership.version) } };
  return changedReply(ctx, updated);
}

export async function deleteUser(ctx: ScimContext): Promise<ScimReply> {
  const id = ctx.params.id!;
  note(ctx, "delete", id);
  const removed = await removeMember(ctx.db, { orgId: ctx.orgId, org: ctx.org, membershipId: id, actor: ctx.actor, expectedVersion: expectedVersion(ctx.req) });
  // The log row keeps who it was: after this, nothing else in Roster does.
  ctx.notes.target = removed.email;
  ctx.notes.targetName = removed.name;
  return { status: 204 };
}
