import { notFound, ScimError } from "./errors";
import * as discovery from "./discovery";
import * as groups from "./groups/service";
import type { ScimContext, ScimHandler, ScimReply } from "./http/handler";
import * as users from "./users/service";

/**
 * Every SCIM endpoint by resource and method. The route files under
 * app/api/scim/v2 use these directly; the catch-all route uses `dispatch` so
 * that resource names match case-insensitively (`/users`, sent by Microsoft's
 * reference tests) and unknown endpoints answer a SCIM 404 rather than a page.
 */
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Table = Partial<Record<Method, ScimHandler>>;

export const endpoints = {
  Users: { GET: users.listUsers, POST: users.createUser } as Table,
  "Users/:id": { GET: users.getUser, PUT: users.replaceUser, PATCH: users.patchUser, DELETE: users.deleteUser } as Table,
  Groups: { GET: groups.listGroups, POST: groups.createGroup } as Table,
  "Groups/:id": { GET: groups.getGroup, PUT: groups.replaceGroup, PATCH: groups.patchGroup, DELETE: groups.deleteGroup } as Table,
  ServiceProviderConfig: { GET: discovery.getServiceProviderConfig } as Table,
  ResourceTypes: { GET: discovery.listResourceTypes } as Table,
  "ResourceTypes/:id": { GET: discovery.getResourceType } as Table,
  Schemas: { GET: discovery.listSchemas } as Table,
  "Schemas/:id": { GET: discovery.getSchema } as Table,
} satisfies Record<string, Table>;

const notAllowed = (key: keyof typeof endpoints, method: Method): ScimHandler => async () => {
  throw new ScimError(405, `${method} is not allowed on /${key.replace(":id", "{id}")}.`, undefined, { Allow: Object.keys(endpoints[key]).join(", ") });
};

/** Every method of one endpoint, so that an unsupported one answers a SCIM 405 rather than an empty one. */
export function methodsOf(key: keyof typeof endpoints): Record<Method, ScimHandler> {
  const table = endpoints[key];
  const all = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
  return Object.fromEntries(all.map((m) => [m, table[m] ?? notAllowed(key, m)])) as Record<Method, ScimHandler>;
}

export function dispatch(method: Method): ScimHandler {
  return async (ctx: ScimContext): Promise<ScimReply> => {
    const segments = (ctx.params.path ?? "").split("/").filter(Boolean);
    const [resource, id, ...rest] = segments;
    const key = Object.keys(endpoints).find((k) => k.split("/")[0]!.toLowerCase() === resource?.toLowerCase() && (k.includes("/:id") === (id !== undefined)));
    if (!key || rest.length) {
      if (resource?.toLowerCase() === "bulk") throw new ScimError(501, "Bulk operations are not supported (see /ServiceProviderConfig).");
      throw notFound(`No SCIM endpoint at /${segments.join("/")}. Roster serves /Users, /Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas.`);
    }
    return methodsOf(key as keyof typeof endpoints)[method]({ ...ctx, params: id ? { id } : {} });
  };
}
