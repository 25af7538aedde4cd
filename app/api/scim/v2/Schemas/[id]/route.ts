import { scimRoute } from "@/lib/scim/http/handler";
import { endpoints } from "@/lib/scim/routes";

export const GET = scimRoute(endpoints["Schemas/:id"].GET!);
