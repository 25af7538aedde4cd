import { scimRoute } from "@/lib/scim/http/handler";
import { endpoints } from "@/lib/scim/routes";

const groups = endpoints["Groups/:id"];
export const GET = scimRoute(groups.GET!);
export const PUT = scimRoute(groups.PUT!);
export const PATCH = scimRoute(groups.PATCH!);
export const DELETE = scimRoute(groups.DELETE!);
