import { MAX_BULK_OPERATIONS } from "./bulk";
import { notFound } from "./errors";
import { MAX_BODY_BYTES } from "./http/body";
import type { ScimContext, ScimReply } from "./http/handler";
import { listResponse, MAX_RESULTS } from "./list";
import type { JsonObject } from "./normalize";
import { groupSchema } from "./schemas/group";
import type { AttributeDef, SchemaDef } from "./schemas/types";
import { URN } from "./schemas/urns";
import { enterpriseUserSchema, userSchema } from "./schemas/user";

/**
 * Discovery (RFC 7644 §4): what Roster implements, generated from the same
 * schema definitions that drive parsing, filters and PATCH.
 */
function serviceProviderConfig(baseUrl: string): JsonObject {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: MAX_BULK_OPERATIONS, maxPayloadSize: MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "The organisation's SCIM token, from the Security page: Authorization: Bearer <token>.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  {
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A member of the organisation",
    schema: URN.user,
    schemaExtensions: [{ schema: URN.enterprise, required: false }],
  },
  { id: "Group", name: "Group", endpoint: "/Groups", description: "A group of members (a department)", schema: URN.group, schemaExtensions: [] },
];

function resourceType(rt: (typeof RESOURCE_TYPES)[number], baseUrl: string): JsonObject {
  return { schemas: [URN.resourceType], ...rt, meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${rt.id}` } };
}

/** RFC 7643 §7: a schema resource; attribute definitions carry every characteristic (Entra wants no nulls). */
function schemaResource(s: SchemaDef, baseUrl: string): JsonObject {
  const attr = (a: AttributeDef): JsonObject => ({
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
    ...(a.canonicalValues ? { canonicalValues: a.canonicalValues } : {}),
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
  });
  return {
    schemas: [URN.schema],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map(attr),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${s.id}` },
  };
}

const SCHEMAS = [userSchema, enterpriseUserSchema, groupSchema];

export async function getServiceProviderConfig(ctx: ScimContext): Promise<ScimReply> {
  return { status: 200, body: serviceProviderConfig(ctx.baseUrl) };
}

export async function listResourceTypes(ctx: ScimContext): Promise<ScimReply> {
  const all = RESOURCE_TYPES.map((rt) => resourceType(rt, ctx.baseUrl));
  return { status: 200, body: listResponse(all, all.length, 1) };
}

export async function getResourceType(ctx: ScimContext): Promise<ScimReply> {
  const rt = RESOURCE_TYPES.find((r) => r.id.toLowerCase() === ctx.params.id?.toLowerCase());
  if (!rt) throw notFound(`No resource type "${ctx.params.id}": Roster serves User and Group.`);
  return { status: 200, body: resourceType(rt, ctx.baseUrl) };
}

export async function listSchemas(ctx: ScimContext): Promise<ScimReply> {
  const all = SCHEMAS.map((s) => schemaResource(s, ctx.baseUrl));
  return { status: 200, body: listResponse(all, all.length, 1) };
}

export async function getSchema(ctx: ScimContext): Promise<ScimReply> {
  const s = SCHEMAS.find((x) => x.id.toLowerCase() === ctx.params.id?.toLowerCase());
  if (!s) throw notFound(`No schema "${ctx.params.id}".`);
  return { status: 200, body: schemaResource(s, ctx.baseUrl) };
}
