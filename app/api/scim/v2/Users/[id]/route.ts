import { scimRoute } from "@/lib/scim/http/handler";
import { endpoints } from "@/lib/scim/routes";

const users = endpoints["Users/:id"];
export const GET = scimRoute(users.GET!);
export const PUT = scimRoute(users.PUT!);
export const PATCH = scimRoute(users.PATCH!);
export const DELETE = scimRoute(users.DELETE!);
