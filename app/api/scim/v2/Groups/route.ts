import { scimRoutes } from "@/lib/scim/http/handler";
import { methodsOf } from "@/lib/scim/routes";

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes(methodsOf("Groups"));
