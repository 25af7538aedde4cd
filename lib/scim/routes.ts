import { bulkHandler } from "./bulk";
import { notFound, ScimError } from "./errors";
import * as discovery from "./discovery";
import * as groups from "./groups/service";
import type { ScimContext, ScimHandler, ScimReply } from "./http/handler";
import { asGet, searchAll } from "./search";
import * as users from "./users/service";

/**
 * Every SCIM endpoint by resource and method. The route files under
 * app/api/scim/v2 use these directly; the catch-all route uses `dispatch` so
 * that resource names match case-insensitively (`/users`, sent by Microsoft's
 * reference tests) and unknown endpoints answer a SCIM 404 rather than a page.
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Table = Partial<Record<Method, ScimHandler>>;

/** POST /Users/.search and /Groups/.search (RFC 7644 §3.4.3): the list GET, its query in the body. Any other id: no POST. */
const searchOn = (key: "Users/:id" | "Groups/:id", list: ScimHandler): ScimHandler => async (ctx) => {
  if (ctx.params.id !== ".search") return notAllowed(key, "POST")(ctx);
  const reply = await list(await asGet(ctx));
  ctx.notes.operation = "search";
  return reply;
};

export const endpoints = {
  Users: { GET: users.listUsers, POST: users.createUser } as Table,
  "Users/:id": { GET: users.getUser, PUT: users.replaceUser, PATCH: users.patchUser, DELETE: users.deleteUser, POST: searchOn("Users/:id", users.listUsers) } as Table,
  Groups: { GET: groups.listGroups, POST: groups.createGroup } as Table,
  "Groups/:id": { GET: groups.getGroup, PUT: groups.replaceGroup, PATCH: groups.patchGroup, DELETE: groups.deleteGroup, POST: searchOn("Groups/:id", groups.listGroups) } as Table,
  Bulk: { POST: bulkHandler((ctx) => dispatch(ctx.req.method as Method)(ctx)) } as Table,
  ServiceProviderConfig: { GET: discovery.getServiceProviderConfig } as Table,
  ResourceTypes: { GET: discovery.listResourceTypes } as Table,
  "ResourceTypes/:id": { GET: discovery.getResourceType } as Table,
  Schemas: { GET: discovery.listSchemas } as Table,
  "Schemas/:id": { GET: discovery.getSchema } as Table,
} satisfies Record<string, Table>;

export function dispatch(method: Method): ScimHandler {
  return async (ctx: ScimContext): Promise<ScimReply> => {
    const segments = (ctx.params.path ?? "").split("/").filter(Boolean);
    const [resource, id, ...rest] = segments;
    if (resource === ".search" && segments.length === 1) {
      if (method !== "POST") throw new ScimError(405, `${method} is not allowed on /.search: search with POST.`, undefined, { Allow: "POST" });
      return searchAll(ctx);
    }
    const key = Object.keys(endpoints).find((k) => k.split("/")[0]!.toLowerCase() === resource?.toLowerCase() && (k.includes("/:id") === (id !== undefined)));
    if (!key || rest.length) {
      // 404 rather than RFC 7644's optional 501: an IdP retries a 5xx as if it were an outage.
      throw notFound(`No SCIM endpoint at /${segments.join("/")}. Roster serves /Users, /Groups, /Bulk, /.search, /ServiceProviderConfig, /ResourceTypes and /Schemas.`);
    }
    const handler = endpoints[key as EndpointKey][method] ?? notAllowed(key as EndpointKey, method);
    return handler({ ...ctx, params: id ? { id } : {} });
  };
}

export type EndpointKey = keyof typeof endpoints;
export const METHODS: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** A SCIM 405 with Allow, for a method an endpoint does not have (Next.js would answer an empty 405). */
export function notAllowed(key: EndpointKey, method: Method): ScimHandler {
  return async () => {
    throw new ScimError(405, `${method} is not allowed on /${key.replace(":id", "{id}")}.`, undefined, { Allow: Object.keys(endpoints[key]).join(", ") });
  };
}
