import { endpoints, METHODS, notAllowed, type EndpointKey, type Method } from "../routes";
import { scimRoute } from "./handler";

/**
 * The five route handlers of one SCIM endpoint for an App Router route file:
 * the endpoint's own methods, and a SCIM-shaped 405 for the others.
 */
export function scimEndpoint(key: EndpointKey): Record<Method, ReturnType<typeof scimRoute>> {
  return Object.fromEntries(METHODS.map((m) => [m, scimRoute(endpoints[key][m] ?? notAllowed(key, m))])) as Record<Method, ReturnType<typeof scimRoute>>;
}
