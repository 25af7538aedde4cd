import { invalidSyntax, invalidValue, ScimError } from "./errors";
import { toScimGroup } from "./groups/mapper";
import { findGroups } from "./groups/repository";
import type { ScimContext, ScimReply } from "./http/handler";
import { listResponse, parseListQuery } from "./list";
import { isObject, type JsonObject } from "./normalize";
import { parseProjection, project, wants } from "./projection";
import { groupSchemas, userSchemas } from "./schemas/resources";
import { toScimUser } from "./users/mapper";
import { findUsers } from "./users/repository";

/**
 * Searching with POST (RFC 7644 §3.4.3): the query of a GET list in a
 * SearchRequest body, so that a filter need not travel in a URL (where
 * proxies log it and limit its length). On `/Users/.search` and
 * `/Groups/.search` it is exactly that endpoint's GET; on `/.search` at the
 * root it searches both, Users first, and pages through them as one list.
 */
const SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

const FIELDS = ["attributes", "excludedAttributes", "filter", "sortBy", "sortOrder", "startIndex", "count"];

/** The SearchRequest body as the query parameters of the equivalent GET. */
async function searchParams(ctx: ScimContext): Promise<URLSearchParams> {
  const body = await ctx.body();
  if (!isObject(body)) throw invalidSyntax("A search is a SearchRequest object.");
  const field = (name: string) => {
    const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : body[key];
  };
  const schemas = field("schemas");
  if (schemas !== undefined && !(Array.isArray(schemas) && schemas.includes(SEARCH_REQUEST))) {
    throw invalidSyntax(`A search body's "schemas" is ["${SEARCH_REQUEST}"].`);
  }
  const unknown = Object.keys(body).filter((k) => k.toLowerCase() !== "schemas" && !FIELDS.some((f) => f.toLowerCase() === k.toLowerCase()));
  if (unknown.length) throw invalidSyntax(`A SearchRequest has no "${unknown[0]}": it takes ${FIELDS.join(", ")}.`);
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const v = field(name);
    if (v === undefined || v === null) continue;
    if (name === "attributes" || name === "excludedAttributes") {
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((x) => typeof x === "string")) throw invalidValue(`${name} is a list of attribute names.`);
      params.set(name, list.join(","));
    } else if (name === "startIndex" || name === "count") {
      if (typeof v !== "number" && typeof v !== "string") throw invalidValue(`${name} must be an integer.`);
      params.set(name, String(v));
    } else {
      if (typeof v !== "string") throw invalidValue(`${name} must be a string.`);
      params.set(name, v);
    }
  }
  return params;
}

/** The same context with the search's query in place of the URL's. */
export async function asGet(ctx: ScimContext): Promise<ScimContext> {
  const url = new URL(ctx.url);
  url.search = (await searchParams(ctx)).toString();
  return { ...ctx, url };
}

/** POST /.search: Users and Groups. A filter that names an attribute one of them lacks simply matches none of it. */
export async function searchAll(ctx: ScimContext): Promise<ScimReply> {
  Object.assign(ctx.notes, { operation: "search" });
  const params = await searchParams(ctx);
  const query = parseListQuery(params);
  const userProjection = parseProjection(params, userSchemas);
  const groupProjection = parseProjection(params, groupSchemas);
  const attempt = async <T>(run: () => Promise<T>): Promise<T | ScimError> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof ScimError && e.status === 400) return e;
      throw e;
    }
  };
  const users = await attempt(() => findUsers(ctx.db, { orgId: ctx.orgId, query, withGroups: wants(userProjection, "groups") }));
  const usersTotal = users instanceof ScimError ? 0 : users.total;
  const taken = users instanceof ScimError ? 0 : users.rows.length;
  // The groups' window continues where the users' ended.
  const groupQuery = { ...query, startIndex: Math.max(1, query.startIndex - usersTotal), count: Math.max(0, query.count - taken) };
  const groups = await attempt(() => findGroups(ctx.db, { orgId: ctx.orgId, query: groupQuery, withMembers: wants(groupProjection, "members") }));
  if (users instanceof ScimError && groups instanceof ScimError) throw users;
  const resources: JsonObject[] = [
    ...(users instanceof ScimError ? [] : users.rows.map((r) => project(toScimUser(r, ctx.baseUrl), userProjection))),
    ...(groups instanceof ScimError ? [] : groups.rows.map((r) => project(toScimGroup(r, ctx.baseUrl), groupProjection))),
  ];
  const total = usersTotal + (groups instanceof ScimError ? 0 : groups.total);
  return { status: 200, body: listResponse(resources, total, query.startIndex) };
}

