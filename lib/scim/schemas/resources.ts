import type { ResourceSchemas } from "../normalize";
import { groupSchema } from "./group";
import { enterpriseUserSchema, userSchema } from "./user";

/** Each resource type's core schema and the extensions it may carry (RFC 7643 §6). */
export const userSchemas: ResourceSchemas = { core: userSchema, extensions: [enterpriseUserSchema] };
export const groupSchemas: ResourceSchemas = { core: groupSchema, extensions: [] };
