import { attr } from "./types";

/**
 * RFC 7643 §3.1: `externalId` belongs to every resource rather than to a
 * schema, so /Schemas does not list it; PATCH and PUT still accept it.
 */
export const externalIdAttr = attr("externalId", "string", "The client's identifier for the resource.", { caseExact: true });
