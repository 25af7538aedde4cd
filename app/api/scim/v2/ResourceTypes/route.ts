import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("ResourceTypes");
export const { GET, POST, PUT, PATCH, DELETE } = route;
